// "Check what works": one Graph $batch with one small read per feature, each answer turned into a
// verdict in plain words. Only counts leave this module: bodies are read for the length of their
// `value` array and dropped, so no mail, event or contact content is kept or logged.
import { diagnose } from '../errors/diagnosis.js';
import { prerequisiteStepNumber, prerequisiteStepTitle } from '../../shared/prerequisite-steps.js';
import type { CloudId } from '../settings/clouds.js';
import { COUNT_CAP, covers, FEATURES, type FeatureId } from './features.js';
import { createGraphClient, sdkBaseUrl, type FetchLike } from './graph-client.js';
import { graphSdk } from './graph-sdk.js';

export type Verdict = 'works' | 'missing_permission' | 'not_available' | 'not_shared' | 'refused';

export interface FeatureResult {
  feature: FeatureId;
  verdict: Verdict;
  /** One or two sentences for a person; never Graph's response body. */
  detail: string;
  count?: number;
  permission?: string;
}

export interface CapabilityReport {
  checkedAt: string;
  features: FeatureResult[];
}

export interface CheckInput {
  cloud: CloudId;
  graphOrigin: string;
  accessToken: () => Promise<string>;
  /** The features asked for, in the order to show them. */
  wanted: FeatureId[];
  /** Permissions the account was granted (what decides missing_permission before asking Graph). */
  granted: readonly string[];
  /** Personal Microsoft account (consumer tenant): no Teams, no shared mailboxes. */
  personal: boolean;
  sharedMailbox: string | null;
  now: () => Date;
  fetch?: FetchLike;
}

export async function checkCapabilities(input: CheckInput): Promise<CapabilityReport> {
  const results = new Map<FeatureId, FeatureResult>();
  const toAsk: FeatureId[] = [];
  for (const feature of input.wanted) {
    if (covers(input.granted, feature)) toAsk.push(feature);
    else results.set(feature, notGranted(feature, input.personal));
  }
  if (toAsk.length > 0) {
    for (const result of await askGraph(input, toAsk)) results.set(result.feature, result);
  }
  return {
    checkedAt: input.now().toISOString(),
    features: input.wanted.map((feature) => results.get(feature) ?? refusedAll(feature, 'Microsoft Graph did not answer for this feature.')),
  };
}

async function askGraph(input: CheckInput, features: FeatureId[]): Promise<FeatureResult[]> {
  const client = createGraphClient({ cloud: input.cloud, graphOrigin: input.graphOrigin, accessToken: input.accessToken, ...(input.fetch ? { fetch: input.fetch } : {}) });
  // Entry URLs are relative to the version (json-batching). The published 3.0.7 BatchRequestContent
  // keeps everything after the host, so the request URLs carry no version segment.
  const base = sdkBaseUrl(input.cloud).replace(/\/$/, '');
  const { BatchRequestContent, BatchResponseContent } = graphSdk();
  const batch = new BatchRequestContent(
    features.map((feature) => ({ id: feature, request: new Request(`${base}${FEATURES[feature].path(input.sharedMailbox)}`, { method: 'GET' }) })),
  );
  let raw: { responses?: unknown };
  try {
    raw = (await client.api('/$batch').post(await batch.getContent())) as { responses?: unknown };
  } catch (error) {
    const detail = wholeBatchFailure(error);
    return features.map((feature) => refusedAll(feature, detail));
  }
  const entries = Array.isArray(raw?.responses) ? (raw.responses as Array<Record<string, unknown>>) : [];
  const answers = new BatchResponseContent({ responses: entries });
  return features.map((feature) => {
    const response = answers.getResponseById(feature);
    if (!response) return refusedAll(feature, 'Microsoft Graph did not answer for this feature.');
    // The SDK rebuilds a Response from the entry; the entry's own JSON body is what we read.
    const body = entries.find((entry) => entry.id === feature)?.body;
    return verdictFor(feature, response.status, body, input);
  });
}

function wholeBatchFailure(error: unknown): string {
  const { GraphError } = graphSdk();
  const status = error instanceof GraphError ? error.statusCode : 0;
  if (status >= 300 && status < 400) return 'Microsoft Graph answered with a redirect, which the add-on does not follow with a token. Check the add-on’s network (a proxy or captive portal?).';
  if (status === 401) return 'Microsoft Graph refused the account’s token. Sign the account in again.';
  if (status <= 0) return 'Microsoft Graph could not be reached or did not answer in time. Check the add-on’s internet connection and try again.';
  return refusedDetail(status, error instanceof GraphError ? error.message : undefined);
}

function refusedDetail(status: number, message: string | undefined): string {
  const diagnosis = diagnose({ httpStatus: status, ...(message ? { errorDescription: message } : {}) });
  const said = diagnosis.microsoftMessage ? ` Microsoft said: “${diagnosis.microsoftMessage}”` : '';
  return `Microsoft refused (HTTP ${status}): ${diagnosis.title}. ${diagnosis.fix}${said}`;
}

const refusedAll = (feature: FeatureId, detail: string): FeatureResult => ({ feature, verdict: 'refused', detail });

const NOT_FOR_PERSONAL: Partial<Record<FeatureId, string>> = {
  presence: 'Teams presence (your status) does not exist for personal Microsoft accounts.',
  chats: 'Teams chats cannot be read for personal Microsoft accounts.',
  shared_calendars: 'Shared mailboxes do not exist for personal Microsoft accounts.',
};

function notGranted(feature: FeatureId, personal: boolean): FeatureResult {
  const personalText = NOT_FOR_PERSONAL[feature];
  if (personal && personalText) return { feature, verdict: 'not_available', detail: personalText };
  return missing(feature, 'The account was not granted it.');
}

function missing(feature: FeatureId, why: string): FeatureResult {
  const { permission } = FEATURES[feature];
  const step = 'api_permissions' as const;
  return {
    feature,
    verdict: 'missing_permission',
    permission,
    detail: `Needs the ${permission} permission. ${why} In the Entra portal: App registrations → your app → API permissions → Add a permission → `
      + `Microsoft Graph → Delegated permissions → ${permission} (an administrator grants consent where the directory asks for it), then sign in again `
      + `(guide step ${prerequisiteStepNumber(step)}, “${prerequisiteStepTitle(step)}”).`,
  };
}

function errorOf(body: unknown): { code: string; message: string | undefined } {
  const error = typeof body === 'object' && body !== null ? (body as { error?: { code?: unknown; message?: unknown } }).error : undefined;
  return { code: typeof error?.code === 'string' ? error.code : '', message: typeof error?.message === 'string' ? error.message : undefined };
}

const ACCESS_DENIED = new Set(['ErrorAccessDenied', 'Authorization_RequestDenied', 'Forbidden', 'AccessDenied', 'accessDenied']);
const NO_MAILBOX = new Set(['MailboxNotEnabledForRESTAPI', 'MailboxNotSupportedForRESTAPI', 'ResourceNotFound', 'ErrorMailboxNotFound']);

function verdictFor(feature: FeatureId, status: number, body: unknown, input: CheckInput): FeatureResult {
  if (status >= 200 && status < 300) return works(feature, body);
  const { code, message } = errorOf(body);
  const personalText = NOT_FOR_PERSONAL[feature];
  if (input.personal && personalText && status >= 400 && status < 500 && status !== 429) return { feature, verdict: 'not_available', detail: personalText };
  if (feature === 'shared_calendars' && (status === 403 || status === 404)) {
    return {
      feature,
      verdict: 'not_shared',
      detail: `The mailbox ${input.sharedMailbox ?? ''} is not shared with you (or does not exist): ask its owner or an administrator to share its calendar with you, then check again.`,
    };
  }
  if (status === 404 && (feature === 'todo_lists' || NO_MAILBOX.has(code))) {
    return {
      feature,
      verdict: 'not_available',
      detail: feature === 'todo_lists'
        ? 'Microsoft To Do is not set up for this account: open To Do once (to-do.office.com) with this account, then check again.'
        : 'This account has no Exchange Online mailbox, so Outlook data cannot be read.',
    };
  }
  if (status === 403 && ACCESS_DENIED.has(code)) return missing(feature, 'Microsoft refused the read: the token does not carry it.');
  return { feature, verdict: 'refused', detail: refusedDetail(status, message) };
}

function works(feature: FeatureId, body: unknown): FeatureResult {
  const { noun } = FEATURES[feature];
  if (feature === 'profile') return { feature, verdict: 'works', detail: 'Your profile can be read.' };
  if (!noun) return { feature, verdict: 'works', detail: 'Your Teams status can be read.' };
  const value = typeof body === 'object' && body !== null ? (body as { value?: unknown }).value : undefined;
  const count = Array.isArray(value) ? value.length : 0;
  const words = count === 1 ? noun[0] : noun[1];
  return { feature, verdict: 'works', count, detail: count >= COUNT_CAP ? `${count} or more ${words}` : `${count} ${words}` };
}
