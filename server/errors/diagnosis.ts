// Turns a Microsoft sign-in failure (redirect parameters, token error JSON, msal-node exception) into
// a diagnosis a person can act on. It echoes nothing from its input except Microsoft's cleaned
// description, as plain text for the UI to escape; inputs never carry codes, tokens or secrets.
import {
  AADSTS_CATALOGUE,
  DECLINED,
  DESCRIPTION_PATTERNS,
  INTERACTION_REQUIRED,
  MSAL_LOCAL_ERRORS,
  OAUTH_ERROR_CATALOGUE,
  SERVICE_UNAVAILABLE,
  SUBERROR_CATALOGUE,
  THROTTLED,
  UNKNOWN,
  type DiagnosisClass,
  type DiagnosisEntry,
} from './aadsts-catalogue.js';
import { prerequisiteStepLabel, prerequisiteStepNumber, type PrerequisiteStep } from '../../shared/prerequisite-steps.js';

export type { DiagnosisClass } from './aadsts-catalogue.js';

export interface Diagnosis {
  class: DiagnosisClass;
  title: string;
  fix: string;
  step: PrerequisiteStep;
  aadsts?: number;
  /** The OAuth `error` value (or msal-node's code), only if it is a plain snake_case word. */
  error?: string;
  /** Microsoft's own words, first line only: plain text, never markup. */
  microsoftMessage?: string;
}

export interface DiagnoseInput {
  error?: string;
  errorDescription?: string;
  errorSubcode?: string;
  suberror?: string;
  aadsts?: number;
  errorCodes?: number[];
  httpStatus?: number;
}

/** Diagnoses an error redirect (`error`, `error_description`, `error_subcode`) or a token error body. */
export function diagnose(input: DiagnoseInput): Diagnosis {
  const description = decodeDescription(input.errorDescription);
  const aadsts = pickAadsts(input, description);
  return toDiagnosis(pickEntry(input, aadsts, description), {
    aadsts,
    error: input.error,
    description: input.errorDescription,
  });
}

function pickAadsts(input: DiagnoseInput, description: string): number | undefined {
  for (const candidate of [input.aadsts, input.errorCodes?.[0]]) {
    if (isAadstsNumber(candidate)) return candidate;
  }
  const match = /AADSTS(\d{1,10})/.exec(description);
  return match ? Number(match[1]) : undefined;
}

function pickEntry(input: DiagnoseInput, aadsts: number | undefined, description: string): DiagnosisEntry {
  const status = input.httpStatus;
  if (status === 429) return THROTTLED;
  if (status !== undefined && status >= 500 && status <= 599) return SERVICE_UNAVAILABLE;
  const patterned = DESCRIPTION_PATTERNS.find((p) => p.pattern.test(description));
  if (patterned) return patterned.entry;
  const known = aadsts === undefined ? undefined : AADSTS_CATALOGUE.get(aadsts);
  if (known) return known;
  // A bare cancel is also what Microsoft's "Need admin approval → back to app" path sends (§4.3).
  if (input.error === 'access_denied' && input.errorSubcode === 'cancel') return DECLINED;
  return SUBERROR_CATALOGUE.get(input.suberror ?? '') ?? OAUTH_ERROR_CATALOGUE.get(input.error ?? '') ?? UNKNOWN;
}

function isAadstsNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

interface DiagnosisExtras {
  aadsts?: number | undefined;
  error?: string | undefined;
  description?: string | undefined;
}

function toDiagnosis(entry: DiagnosisEntry, extras: DiagnosisExtras): Diagnosis {
  const diagnosis: Diagnosis = { class: entry.class, title: entry.title, fix: entry.fix, step: entry.step };
  if (extras.aadsts !== undefined) diagnosis.aadsts = extras.aadsts;
  if (extras.error !== undefined && /^[a-z][a-z0-9_]{0,63}$/.test(extras.error)) diagnosis.error = extras.error;
  const message = cleanMicrosoftMessage(extras.description);
  if (message !== undefined) diagnosis.microsoftMessage = message;
  return diagnosis;
}

// ---- Microsoft's description ----

const MAX_MICROSOFT_MESSAGE_CHARS = 400;
// Longer text is not a description a person should read; cap the work before any regex runs.
const MAX_DESCRIPTION_SCAN_CHARS = 4096;

/**
 * Undoes form encoding when the description still has it (`+` for spaces, `%0d%0a`), which is how
 * it reads when copied from an address bar. Text with real spaces is left alone.
 */
function decodeDescription(raw: string | undefined): string {
  const text = (raw ?? '').slice(0, MAX_DESCRIPTION_SCAN_CHARS);
  if (/\s/.test(text) || !/[+%]/.test(text)) return text;
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/**
 * Microsoft's description as one short line of plain text: the first line, without the
 * "Trace ID / Correlation ID / Timestamp" tail and without msal-node's "Error(s): … Description:"
 * wrapper. Never interpreted as markup here; whoever displays it escapes it.
 */
export function cleanMicrosoftMessage(raw: string | undefined): string | undefined {
  let text = decodeDescription(raw);
  const wrapped = /^Error\(s\):.*? - Description: /s.exec(text);
  if (wrapped) text = text.slice(wrapped[0].length);
  const firstLine = text.split(/\r\n|\r|\n/).find((line) => line.trim() !== '') ?? '';
  const plain = firstLine
    // Control and bidi-override characters could disguise the text around them.
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ?(?:- ?)?\b(?:Trace ID|Correlation ID|Timestamp):.*$/i, '')
    .trim();
  if (plain === '' || plain === 'N/A' || plain.startsWith('See https://aka.ms/msal.js.errors')) return undefined;
  const chars = Array.from(plain);
  return chars.length <= MAX_MICROSOFT_MESSAGE_CHARS ? plain : `${chars.slice(0, MAX_MICROSOFT_MESSAGE_CHARS - 1).join('').trimEnd()}…`;
}

// ---- msal-node exceptions ----

// MSAL raises these itself; their message is MSAL's, not Microsoft's, so it is not shown as such.
const MSAL_INTERNAL_INTERACTION_CODES = new Set(['no_tokens_found', 'refresh_token_expired', 'native_account_unavailable']);
// msal-common's own lists (InteractionRequiredAuthError.ts), for errors that lost their class.
const INTERACTION_REQUIRED_CODES = new Set([
  ...MSAL_INTERNAL_INTERACTION_CODES,
  'interaction_required', 'consent_required', 'login_required', 'bad_token', 'ui_not_allowed', 'interrupted_user',
]);

interface AuthErrorFields {
  name: string;
  errorCode: string;
  errorMessage: string | undefined;
  subError: string | undefined;
  errorNo: string | undefined;
  status: number | undefined;
}

/**
 * Diagnoses anything msal-node throws, by the error's `name` and `errorCode` rather than instanceof:
 * that keeps msal-node out of this module (it loads on first use) and works across copies of msal-common.
 */
export function diagnoseMsalError(e: unknown): Diagnosis {
  const fields = readAuthErrorFields(e);
  if (!fields) return toDiagnosis(UNKNOWN, {});
  // MSAL's local throttle re-throws a ServerError whose errorCode is the joined error_codes (§0.9):
  // whatever the cause, MSAL refuses the same request locally until Retry-After, so back off.
  if (/^\d+(?:[ ,]+\d+)*$/.test(fields.errorCode)) {
    return toDiagnosis(THROTTLED, { aadsts: Number(/\d+/.exec(fields.errorCode)?.[0]), description: fields.errorMessage });
  }
  if (isInteractionRequired(fields)) return diagnoseInteractionRequired(fields);
  // network_error and token_parsing_error come as plain AuthError, not ClientAuthError, from msal-node.
  const local = MSAL_LOCAL_ERRORS.get(fields.errorCode);
  if (local) return toDiagnosis(local, { error: fields.errorCode });
  if (fields.name === 'ClientAuthError') return toDiagnosis(UNKNOWN, { error: fields.errorCode });
  if (isFromMicrosoft(fields)) {
    return diagnose({
      error: fields.errorCode,
      errorDescription: fields.errorMessage,
      suberror: fields.subError,
      aadsts: parseErrorNo(fields.errorNo),
      httpStatus: fields.status,
    });
  }
  return toDiagnosis(UNKNOWN, { error: fields.errorCode });
}

/**
 * Re-authentication, unless the code names a setup problem that signing in again cannot fix
 * (e.g. Conditional Access, a user not assigned to the app): then the configuration entry stands.
 */
function diagnoseInteractionRequired(fields: AuthErrorFields): Diagnosis {
  const internal = MSAL_INTERNAL_INTERACTION_CODES.has(fields.errorCode);
  const diagnosis = diagnose({
    error: fields.errorCode,
    errorDescription: internal ? undefined : fields.errorMessage,
    suberror: fields.subError,
    aadsts: parseErrorNo(fields.errorNo),
  });
  if (diagnosis.class !== 'transient') return diagnosis;
  const { class: _class, title: _title, fix: _fix, step: _step, ...extras } = diagnosis;
  return { ...INTERACTION_REQUIRED, ...extras };
}

function isInteractionRequired(fields: AuthErrorFields): boolean {
  return fields.name === 'InteractionRequiredAuthError'
    || INTERACTION_REQUIRED_CODES.has(fields.errorCode) || SUBERROR_CATALOGUE.has(fields.subError ?? '');
}

function isFromMicrosoft(fields: AuthErrorFields): boolean {
  return fields.name === 'ServerError' || fields.errorNo !== undefined
    || OAUTH_ERROR_CATALOGUE.has(fields.errorCode);
}

function readAuthErrorFields(e: unknown): AuthErrorFields | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const r = e as Record<string, unknown>;
  // Every msal error (AuthError and its subclasses) carries a string errorCode.
  if (typeof r.errorCode !== 'string') return undefined;
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    name: text(r.name) ?? '',
    errorCode: text(r.errorCode) ?? '',
    errorMessage: text(r.errorMessage),
    subError: text(r.subError),
    errorNo: typeof r.errorNo === 'number' ? String(r.errorNo) : text(r.errorNo),
    status: typeof r.status === 'number' ? r.status : undefined,
  };
}

function parseErrorNo(errorNo: string | undefined): number | undefined {
  return errorNo !== undefined && /^\d{1,10}$/.test(errorNo) ? Number(errorNo) : undefined;
}

// ---- Microsoft's own error page ----

/** Codes Microsoft shows on its own error page, so the callback never sees them (§4.3, §5 "page"). */
export const MICROSOFT_ERROR_PAGE_CODES: readonly number[] = [
  50011, 500113, 900971, 700016, 50194, 50020, 500200, 9002331, 9002346, 9002332, 500208,
  90094, 90095, 90002, 53003, 530035, 50076, 50079,
];
const COMMON_PAGE_CODES = [50011, 700016, 50194, 50020, 500200] as const;

/**
 * What to tell a user whose sign-in stopped on Microsoft's error page ("Sorry, but we're having
 * trouble signing you in"). With the AADSTS number they read there, names the step to fix.
 */
export function microsoftErrorPageHint(aadsts?: number): string {
  const entry = aadsts === undefined ? undefined : AADSTS_CATALOGUE.get(aadsts);
  if (!entry) {
    const common = COMMON_PAGE_CODES.map((code) => `AADSTS${code} (${whereToFix(code)})`).join(', ');
    return 'If Microsoft shows “Sorry, but we’re having trouble signing you in” instead of a blank page, the add-on is '
      + 'never told why: read the Message line on that page, which starts with AADSTS and a number, and fix the '
      + `step of the setup guide it names. Common ones: ${common}.`;
  }
  // A sign-in problem has no guide step to fix; its fix text says what to do instead.
  const where = entry.step === 'sign_in' ? '.' : `: fix ${prerequisiteStepLabel(entry.step)}.`;
  return `AADSTS${aadsts} in the Message line of Microsoft’s error page means “${entry.title}”${where} ${entry.fix}`;
}

function whereToFix(code: number): string {
  const step = AADSTS_CATALOGUE.get(code)?.step ?? 'sign_in';
  return step === 'sign_in' ? 'sign in again' : `step ${prerequisiteStepNumber(step)}`;
}
