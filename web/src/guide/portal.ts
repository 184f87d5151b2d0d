// Where things are in the Entra portal for each cloud, and the account-type choices it offers.
import type { CloudId } from '../api/types.js';

const PORTAL: Record<CloudId, string> = {
  global: 'https://entra.microsoft.com',
  china: 'https://portal.azure.cn',
  usgov: 'https://portal.azure.us',
};

export const portalHome = (cloud: CloudId): string => PORTAL[cloud];

export const appRegistrationsUrl = (cloud: CloudId): string =>
  `${PORTAL[cloud]}/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade`;

export const AZURE_FREE_SIGN_UP = 'https://azure.microsoft.com/free/';
export const SUGGESTED_APP_NAME = 'Home Assistant MS365';

export type AccountType = 'multi_and_personal' | 'multi' | 'single' | 'personal';

/** The four radio buttons under "Supported account types", worded as the portal words them. */
export const ACCOUNT_TYPES: Array<{ id: AccountType; portal: string; works: boolean; why: string }> = [
  {
    id: 'multi_and_personal',
    portal: 'Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant) and personal Microsoft accounts (e.g. Skype, Xbox)',
    works: true,
    why: 'Works for work, school and personal accounts (outlook.com, hotmail.com). The best choice for most homes.',
  },
  {
    id: 'multi',
    portal: 'Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant)',
    works: true,
    why: 'Works for work and school accounts only; personal accounts are refused.',
  },
  {
    id: 'single',
    portal: 'Accounts in this organizational directory only (Single tenant)',
    works: false,
    why: 'Works only with your Directory (tenant) ID, which step 5 asks for once the app is registered: Microsoft refuses the shared “common” sign-in address for single-tenant apps (AADSTS50194). Choose it only if your organisation requires it.',
  },
  {
    id: 'personal',
    portal: 'Personal Microsoft accounts only',
    works: false,
    why: 'Never works here: such apps must use the “consumers” address, which this add-on and the MS365 integrations do not use (AADSTS9002331). Choose the first option instead; it includes personal accounts.',
  },
];
