// Checks a pasted address against the integration's own auth link before anything reaches HA: the
// host and path of the redirect that link names, and the same `state`. HA answers a foreign state
// with a bare 500 (MSAL raises, ms365-config-flow.md trap 2) and an error address with a misleading
// token_file_error (trap 3), so both are caught here and the flow stays usable.
import { AppError } from '../../errors/app-error.js';
import { errorFromDiagnosis } from '../../errors/diagnosis-error.js';
import { diagnose } from '../../errors/diagnosis.js';
import { MIN_CODE_CHARS, parsePastedUrl } from '../../oauth/paste-back-url.js';

export interface AuthLink {
  redirectUri: string;
  state: string;
}

/** The redirect URI and state the integration put into its auth link (MSAL initiate_auth_code_flow). */
export function readAuthLink(authUrl: string): AuthLink | null {
  try {
    const url = new URL(authUrl);
    const redirectUri = url.searchParams.get('redirect_uri');
    const state = url.searchParams.get('state');
    return redirectUri && state ? { redirectUri, state } : null;
  } catch {
    return null;
  }
}

/**
 * The address to submit, rebuilt on the redirect URI from the code and state alone, or an AppError.
 * `extraHosts` are hosts that play Microsoft's (the emulator in tests and the demo).
 */
export function checkPaste(link: AuthLink, pasted: string, extraHosts: readonly string[]): string {
  const redirect = new URL(link.redirectUri);
  const parsed = parsePastedUrl(pasted, { hosts: [redirect.host, ...extraHosts], path: redirect.pathname });
  if (parsed.kind === 'refused') throw new AppError(parsed.code, { field: 'url' });
  if (parsed.state !== undefined && parsed.state !== link.state) throw new AppError('ms365_flow_paste_foreign', { field: 'url' });
  if (parsed.kind === 'error') {
    const diagnosis = diagnose({
      error: parsed.error,
      ...(parsed.errorDescription !== undefined ? { errorDescription: parsed.errorDescription } : {}),
      ...(parsed.errorSubcode !== undefined ? { errorSubcode: parsed.errorSubcode } : {}),
    });
    throw errorFromDiagnosis(diagnosis);
  }
  // No state (it follows the code), or a code far shorter than Microsoft's: the copy was cut off.
  if (parsed.state === undefined || parsed.code.length < MIN_CODE_CHARS) throw new AppError('paste_incomplete', { field: 'url' });
  const cleaned = new URL(link.redirectUri);
  cleaned.search = new URLSearchParams({ code: parsed.code, state: parsed.state }).toString();
  return cleaned.toString();
}
