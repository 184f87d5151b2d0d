// Every error an MS365 config flow can answer, as a diagnosis a person can act on (title, fix, the
// guide step) and a stable error code. The keys and their meaning come from the integrations'
// config_flow.py and translations/en.json. HA passes on no AADSTS number for these: its log has
// Microsoft's words ("Unable to fetch auth token. Error: …"), so the diagnoses say where to look.
import { AppError } from '../../errors/app-error.js';
import type { ErrorCode } from '../../errors/codes.js';
import { diagnosisView } from '../../errors/diagnosis-error.js';
import type { Diagnosis } from '../../errors/diagnosis.js';

const HA_LOG = 'Home Assistant does not pass on Microsoft’s error number here; its log (Settings → System → Logs) has it in the line “Unable to fetch auth token”.';

interface FlowErrorContext {
  redirectUri?: string | undefined;
  missing?: string[] | undefined;
  field?: string | undefined;
}

function entry(code: ErrorCode, diagnosis: Diagnosis, field?: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError(code, {
    message: diagnosis.title,
    fix: diagnosis.fix,
    ...(field ? { field } : {}),
    details: { ...extra, diagnosis: diagnosisView(diagnosis) },
  });
}

/** Option conflicts per integration (translations/en.json "error"). */
const CONFLICTS: Record<string, string> = {
  cannot_have_basic_shared: 'Basic calendar cannot be combined with a shared mailbox: untick “basic calendar” or empty the shared mailbox.',
  cannot_have_basic_update: 'Basic calendar cannot be combined with update services: untick one of them.',
  cannot_have_groups_shared: 'Group calendars cannot be combined with a shared mailbox: untick “groups” or empty the shared mailbox.',
  status_enable_should_be_read: 'To follow another person’s status (alternate e-mail), the status sensor must be set to Read.',
};

/** The AppError for an error key the flow answered, in the add-on's words. */
export function flowError(key: string, context: FlowErrorContext = {}): AppError {
  const conflict = CONFLICTS[key];
  if (conflict) {
    return entry('ms365_flow_option_conflict', { class: 'configuration', step: 'api_permissions', title: 'The integration refuses these options together', fix: conflict }, context.field, { flow_error: key });
  }
  switch (key) {
    case 'token_file_error':
      return entry('ms365_flow_token_file_error', {
        class: 'configuration',
        step: 'client_secret',
        title: 'Home Assistant could not redeem the sign-in code with Microsoft',
        fix: 'The usual causes, most likely first: (1) the app registration in the add-on holds the Secret ID instead of the secret’s Value; '
          + '(2) the client secret has expired: create a new one in Certificates & secrets and update the app registration; '
          + `(3) the redirect URI ${context.redirectUri ?? 'of the link'} is not registered under the Web platform in Authentication; `
          + '(4) more than 10 minutes passed between opening the link and pasting, or the address was pasted twice. '
          + `Fix it, then open the same link again, sign in, and paste the new address. ${HA_LOG}`,
      }, 'url', { flow_error: key });
    case 'permissions': {
      const missing = context.missing ?? [];
      return entry('ms365_flow_permissions', {
        class: 'configuration',
        step: 'api_permissions',
        title: missing.length > 0 ? `Microsoft did not grant: ${missing.join(', ')}` : 'Microsoft did not grant every permission the integration needs',
        fix: 'In the Entra portal open the app registration → API permissions → Add a permission → Microsoft Graph → Delegated permissions, add the missing ones '
          + '(and Grant admin consent if your organisation requires it). Then open the same link again, sign in, accept, and paste the new address. '
          + 'A personal Microsoft account cannot get Teams chat or presence, nor “.Shared” permissions.',
      }, 'url', { flow_error: key, missing });
    }
    case 'invalid_url':
      return entry('ms365_flow_invalid_url', {
        class: 'sign_in_again',
        step: 'sign_in',
        title: 'Home Assistant did not accept the address as Microsoft’s answer',
        fix: 'Paste the whole address of the blank page you landed on after signing in; it contains “code=”.',
      }, 'url', { flow_error: key });
    case 'corrupted':
    case 'missing':
      return entry('ms365_flow_token_file_broken', {
        class: 'transient',
        step: 'sign_in',
        title: key === 'missing' ? 'The integration’s token file is missing after the sign-in' : 'The integration’s token file is damaged after the sign-in',
        fix: 'Check that Home Assistant’s config folder is writable and not full (Settings → System → Logs shows the file error), then start again.',
      }, 'url', { flow_error: key });
    case 'already_configured':
      return entry('ms365_flow_already_configured', {
        class: 'configuration',
        step: 'sign_in',
        title: 'The integration refused the name: a token file for it already exists',
        fix: 'The integration refuses a new entry whose token file exists, even when no entry uses it. Start again with another name, or delete the old token file first.',
      }, 'entity_name', { flow_error: key });
    case 'error_authenticating':
      return entry('ms365_flow_error_authenticating', {
        class: 'configuration',
        step: 'sign_in',
        title: 'The integration found an unreadable token file for this name',
        fix: 'Start again with another name, or delete the damaged token file in Home Assistant’s config folder first.',
      }, context.field ?? 'entity_name', { flow_error: key });
    default:
      return entry('ms365_flow_refused', {
        class: 'transient',
        step: 'sign_in',
        title: 'Home Assistant refused the set-up step',
        fix: 'Look at Home Assistant’s log for the integration’s message, then start again.',
      }, context.field, { flow_error: key.replace(/[^a-z_]/g, '').slice(0, 64) });
  }
}

/** "\n\nMissing - A, B" from description_placeholders.failed_permissions, as a list. */
export function parseFailedPermissions(text: string | null | undefined): string[] {
  const match = /Missing - (.+)$/s.exec(text ?? '');
  if (!match) return [];
  return match[1]!.split(',').map((name) => name.trim()).filter((name) => /^[A-Za-z][A-Za-z.]{0,80}$/.test(name));
}
