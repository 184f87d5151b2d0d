// Journey: Microsoft's error_description is text an attacker can influence. Markup in it, through a
// pasted address or the internet-redirect callback, must show as inert text everywhere.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { FrameLocator, Page } from 'playwright';
import { allowClipboard, followToNewTab, openPanel, pasteInto } from '../helpers/browser.js';
import { saveAppRegistration } from '../helpers/e2e-stack.js';
import { openSignIn } from './support/panel-steps.js';
import { useJourney } from '../helpers/journey.js';

const MARKUP = '<img src=x onerror="window.top.__pwned=1"><script>window.top.__pwned=2</script>';

function errorQuery(state: string): string {
  return new URLSearchParams({ error: 'access_denied', error_description: `AADSTS90094: ${MARKUP}`, state }).toString();
}

async function assertInert(page: Page, app: FrameLocator): Promise<void> {
  assert.equal(await app.locator('img').count(), 0, 'no image element was created in the panel');
  assert.equal(await app.locator('m365-diagnosis script').count(), 0);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'no script ran');
}

describe('an error_description carrying markup', () => {
  const journey = useJourney({ internetRedirect: true }, async (stack) => {
    await saveAppRegistration(stack);
  });

  it('renders as text when pasted back', async () => {
    const session = await openPanel(journey.browser, journey.stack.ingress.panelUrl);
    const { app, page, context } = session;
    await allowClipboard(context, journey.stack.ingress.origin);
    await openSignIn(app);
    await app.getByRole('button', { name: 'Start sign-in' }).click();
    const href = await app.getByRole('link', { name: 'Open Microsoft sign-in in a new tab' }).getAttribute('href');
    const state = new URL(href ?? '').searchParams.get('state') ?? '';
    const pasted = `${journey.stack.microsoft.origin}/common/oauth2/nativeclient?${errorQuery(state)}`;
    await pasteInto(page, app.getByRole('textbox', { name: 'Address of the blank page' }), pasted);

    const alert = app.getByRole('alert').filter({ hasText: 'AADSTS90094' });
    await alert.waitFor();
    await alert.getByText(`Microsoft’s message: AADSTS90094: ${MARKUP}`).waitFor();
    await assertInert(page, app);
    assert.deepEqual(session.problems, []);
  });

  it('renders as text on the callback page and in the panel after an internet redirect', async () => {
    const session = await openPanel(journey.browser, journey.stack.ingress.panelUrl);
    const { app, page, context } = session;
    await openSignIn(app);
    await app.getByRole('radio', { name: /Internet redirect/ }).check();
    await app.getByRole('button', { name: 'Start sign-in' }).click();
    const microsoft = await followToNewTab(context, () => app.getByRole('link', { name: 'Open Microsoft sign-in in a new tab' }).click());
    const state = new URL(microsoft.url()).searchParams.get('state') ?? '';
    // Where Microsoft would send the browser after refusing, description and all.
    await microsoft.goto(`${journey.stack.publicCallback}?${errorQuery(state)}`);
    await microsoft.getByRole('heading', { name: 'Sign-in did not finish' }).waitFor();
    assert.equal(await microsoft.locator('img, script').count(), 0, 'the callback page holds no markup from Microsoft');
    assert.equal(await microsoft.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);

    await page.bringToFront();
    const alert = app.getByRole('alert').filter({ hasText: 'AADSTS90094' });
    await alert.waitFor();
    await alert.getByText(`Microsoft’s message: AADSTS90094: ${MARKUP}`).waitFor();
    await assertInert(page, app);
    assert.deepEqual(session.problems, []);
  });
});
