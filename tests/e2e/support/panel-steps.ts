// Moves several journeys share inside the panel: open the sign-in page, start a sign-in, and
// finish Microsoft's part in the new tab.
import type { FrameLocator, Page } from 'playwright';
import { allowClipboard, followToNewTab, openPanel, signInAtMicrosoft, type PanelSession } from '../../helpers/browser.js';
import type { Journey } from '../../helpers/journey.js';
import { ENTRA_APP, inMonths } from '../../helpers/e2e-stack.js';

export async function openSignIn(app: FrameLocator): Promise<void> {
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Sign in', exact: true }).click();
  await app.getByRole('heading', { name: 'Sign in to Microsoft 365' }).waitFor();
}

/** Starts a sign-in with the given permissions and method; returns Microsoft's tab. */
export async function startSignIn(
  session: PanelSession,
  options: { scopes?: string; method?: 'Paste-back' | 'Internet redirect' } = {},
): Promise<Page> {
  const { app, context } = session;
  await openSignIn(app);
  if (options.method) await app.getByRole('radio', { name: new RegExp(options.method) }).check();
  if (options.scopes !== undefined) await app.getByRole('textbox', { name: 'Permissions to ask for' }).fill(options.scopes);
  await app.getByRole('button', { name: 'Start sign-in' }).click();
  return followToNewTab(context, () => app.getByRole('link', { name: 'Open Microsoft sign-in in a new tab' }).click());
}

/** Microsoft's part of a paste-back sign-in: returns the blank page's address to paste back. */
export async function nativeClientAddress(tab: Page, username: string, consent: 'Accept' | 'Cancel' = 'Accept'): Promise<string> {
  await signInAtMicrosoft(tab, username, consent);
  await tab.waitForURL(/\/oauth2\/nativeclient\?/);
  return tab.url();
}

/**
 * The opening of a paste-back journey: the panel open with the clipboard allowed, a sign-in started,
 * Microsoft's part done in its tab as Adele, and the panel back in front with the address to paste.
 */
export async function pasteBackAddress(
  journey: Journey,
  options: { scopes?: string; consent?: 'Accept' | 'Cancel' } = {},
): Promise<{ session: PanelSession; address: string }> {
  const session = await openPanel(journey.browser, journey.stack.ingress.panelUrl);
  await allowClipboard(session.context, journey.stack.ingress.origin);
  const microsoft = await startSignIn(session, options.scopes === undefined ? {} : { scopes: options.scopes });
  const address = await nativeClientAddress(microsoft, 'adele@contoso.onmicrosoft.com', options.consent);
  await session.page.bringToFront();
  return { session, address };
}

/** Guide step 6: the secret's Value and a 24-month expiry, saved; then on to step 7. */
export async function saveSecretInGuide(app: FrameLocator): Promise<void> {
  await app.getByRole('button', { name: /Step 6:/ }).click();
  await app.getByLabel('Client secret Value', { exact: true }).fill(ENTRA_APP.secretValue);
  await app.getByLabel('Secret expires on', { exact: true }).fill(inMonths(24));
  await app.getByRole('button', { name: 'Save app registration' }).click();
  await app.getByText(/Saved “Home Assistant MS365”/).waitFor();
  await app.getByRole('button', { name: 'Continue with step 7' }).click();
}
