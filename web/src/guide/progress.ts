// The guide's progress, kept in localStorage so a user can leave for the Entra portal and come back.
// Never holds the client secret: localStorage is shared with everything on the Home Assistant origin.
import type { CloudId, RedirectMethod } from '../api/types.js';
import { emptyPicks, type PermissionPicks } from '../../../shared/ms365-permissions.js';
import type { AccountType } from './portal.js';
import { GUIDE_STEP_IDS, type GuideStepId } from '../../../shared/prerequisite-steps.js';

// One list for the guide and for the diagnoses that link into it, so a link cannot name a missing step.
export const GUIDE_STEPS = GUIDE_STEP_IDS;
export type GuideStep = GuideStepId;

export interface GuideProgress {
  version: 1;
  done: Partial<Record<GuideStep, boolean>>;
  /** The step shown open; empty when the user closed them all. */
  open: GuideStep | '';
  cloud: CloudId;
  method: RedirectMethod;
  displayName: string;
  accountType: AccountType;
  tenant: string;
  clientId: string;
  secretExpiresOn: string;
  publicRedirectUri: string;
  picks: PermissionPicks;
  customScopes: string;
  /** The app registration saved from this guide, once step 6 is saved. */
  appRegistrationId: string | null;
}

const STORAGE_KEY = 'm365-signin.guide.v1';

/** The browser's localStorage, or undefined where reading it throws (blocked storage, sandboxing). */
export function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function freshProgress(): GuideProgress {
  return {
    version: 1,
    done: {},
    open: 'directory',
    cloud: 'global',
    // Recommended: no wrongplace page, no Safari download, nothing exposed (see the redirect step).
    method: 'paste_back_localhost',
    displayName: 'Home Assistant MS365',
    accountType: 'multi_and_personal',
    tenant: '',
    clientId: '',
    secretExpiresOn: '',
    publicRedirectUri: '',
    picks: emptyPicks(),
    customScopes: '',
    appRegistrationId: null,
  };
}

/** Reads saved progress; anything unreadable or from another version starts afresh. */
export function loadProgress(storage: Pick<Storage, 'getItem'> | undefined): GuideProgress {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return freshProgress();
    const parsed = JSON.parse(raw) as Partial<GuideProgress>;
    if (parsed.version !== 1) return freshProgress();
    const fresh = freshProgress();
    return { ...fresh, ...parsed, picks: { ...fresh.picks, ...parsed.picks }, done: { ...parsed.done } };
  } catch {
    return freshProgress();
  }
}

export function saveProgress(storage: Pick<Storage, 'setItem'> | undefined, progress: GuideProgress): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(progress));
  } catch {
    // Private mode or a full quota: the guide still works, it just will not remember.
  }
}

export function clearProgress(storage: Pick<Storage, 'removeItem'> | undefined): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    // As above: nothing to clear when storage is unavailable.
  }
}

/** The first step not ticked yet, or the last one when all are done. */
export function nextOpenStep(done: GuideProgress['done']): GuideStep {
  return GUIDE_STEPS.find((step) => !done[step]) ?? 'api_permissions';
}

export const isGuideStep = (value: string): value is GuideStep => (GUIDE_STEPS as readonly string[]).includes(value);
