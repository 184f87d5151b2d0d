// Walks the emulator's sign-in pages with plain fetch, as a user with a browser would: open the
// authorize URL, pick an account, accept or cancel consent, and return where Microsoft sent them.

export interface SignInOptions {
  /** Account to pick; defaults to the first one listed. */
  username?: string;
  consent?: 'accept' | 'cancel';
}

export interface SignInResult {
  /** Final `Location` (absolute), or undefined when the flow ended on a page. */
  location: string | undefined;
  /** Status and HTML of the last page when there was no redirect (an error page, say). */
  status: number;
  html: string;
}

export async function signInWithFetch(authorizeUrl: string, options: SignInOptions = {}): Promise<SignInResult> {
  const first = await fetch(authorizeUrl, { redirect: 'manual' });
  const picker = await pageOrRedirect(first, authorizeUrl);
  if (picker.location !== undefined || !picker.html.includes('name="flowToken"')) return picker;
  const username = options.username ?? /name="username" value="([^"]+)"/.exec(picker.html)?.[1] ?? '';
  const consent = await postForm(authorizeUrl, picker.html, { loginfmt: decode(username) });
  if (consent.location !== undefined || !consent.html.includes('name="decision"')) return consent;
  return postForm(authorizeUrl, consent.html, { decision: options.consent ?? 'accept' });
}

async function postForm(base: string, html: string, fields: Record<string, string>): Promise<SignInResult> {
  const flowToken = /name="flowToken" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const forms = [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => decode(m[1] ?? ''));
  const action = new URL(forms[forms.length - 1] ?? '', base).href;
  const body = new URLSearchParams({ flowToken: decode(flowToken), ...fields });
  const response = await fetch(action, { method: 'POST', body, redirect: 'manual' });
  return pageOrRedirect(response, action);
}

async function pageOrRedirect(response: Response, base: string): Promise<SignInResult> {
  const location = response.headers.get('location');
  const html = await response.text();
  return { location: location ? new URL(location, base).href : undefined, status: response.status, html };
}

function decode(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
