// Journey (issue 12, items 1–3): a sign-in that failed, expired or was cut off. Once a sign-in can
// no longer be finished its link and paste box go away and the one action is "Start a new sign-in";
// a cut-off address is called incomplete with how to copy all of it; the instructions name the
// page this sign-in lands on (here the emulator's, as in the demo). Screens at 1280/360, light/dark.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PHONE_VIEWPORT, allowClipboard, followToNewTab, openPanel, pasteInto } from '../helpers/browser.js';
import { saveAppRegistration } from '../helpers/e2e-stack.js';
import { useJourney } from '../helpers/journey.js';
import { DESKTOP_VIEWPORT, keepScreen } from '../helpers/screens.js';
import { nativeClientAddress, openSignIn } from './support/panel-steps.js';

const ELEVEN_MINUTES_MS = 11 * 60 * 1000;

describe('a sign-in that can no longer be finished', () => {
  const journey = useJourney({}, async (stack) => {
    await saveAppRegistration(stack);
  });

  const start = async (options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {}) => {
    const session = await openPanel(journey.browser, journey.stack.ingress.panelUrl, options);
    await allowClipboard(session.context, journey.stack.ingress.origin);
    await openSignIn(session.app);
    await session.app.getByRole('button', { name: 'Start sign-in' }).click();
    const link = session.app.getByRole('link', { name: 'Open Microsoft sign-in in a new tab' });
    await link.waitFor();
    return { ...session, link };
  };

  const assertClosed = async (app: import('playwright').FrameLocator) => {
    await app.getByRole('button', { name: 'Start a new sign-in' }).waitFor();
    assert.equal(await app.getByRole('link', { name: 'Open Microsoft sign-in in a new tab' }).count(), 0, 'the spent link is gone');
    assert.equal(await app.getByRole('textbox', { name: /Address of/ }).count(), 0, 'the paste box is gone');
    assert.equal(await app.getByRole('button', { name: 'Finish sign-in' }).count(), 0);
    assert.equal(await app.getByRole('button', { name: 'Start again' }).count(), 0, 'one way on, not two');
  };

  for (const [viewport, colorScheme] of [[DESKTOP_VIEWPORT, 'light'], [PHONE_VIEWPORT, 'dark']] as const) {
    it(`a declined sign-in says it failed and offers only a new one (${viewport.width} px, ${colorScheme})`, async () => {
      const { app, page, context, link, problems } = await start({ viewport, colorScheme });
      const microsoft = await followToNewTab(context, () => link.click());
      const address = await nativeClientAddress(microsoft, 'adele@contoso.onmicrosoft.com', 'Cancel');
      await page.bringToFront();
      await pasteInto(page, app.getByRole('textbox', { name: 'Address of the blank page' }), address);
      await app.getByRole('alert').filter({ hasText: 'You declined the permissions or cancelled the sign-in' }).waitFor();
      await app.getByText('This sign-in failed.').waitFor();
      await assertClosed(app);
      await keepScreen(page, 'sign-in-closed-failed');
      await app.getByRole('button', { name: 'Start a new sign-in' }).click();
      await app.getByRole('button', { name: 'Start sign-in' }).waitFor();
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  it('a sign-in left past its deadline says it expired, without a paste', async () => {
    const { app, page, context, problems } = await start({ viewport: DESKTOP_VIEWPORT, colorScheme: 'dark' });
    await app.getByText('Finish by', { exact: false }).waitFor();
    journey.stack.advanceServiceClock(ELEVEN_MINUTES_MS);
    // The panel asks the service, whose clock decides.
    const expired = app.getByRole('status').filter({ hasText: 'This sign-in expired' });
    await expired.waitFor();
    await expired.getByText(/not finished within 10 minutes/).waitFor();
    await assertClosed(app);
    await keepScreen(page, 'sign-in-closed-expired');
    await app.getByRole('button', { name: 'Start a new sign-in' }).click();
    await app.getByRole('button', { name: 'Start sign-in' }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('calls a cut-off address incomplete, names the page it lands on, and takes the whole one', async () => {
    const { app, page, context, link, problems } = await start({ viewport: PHONE_VIEWPORT });
    // The demo and the tests land on the emulator's own blank page: the instructions say so.
    const landing = `${journey.stack.microsoft.origin}/common/oauth2/nativeclient`;
    await app.getByText(`${landing}?code=`, { exact: true }).waitFor();
    const microsoft = await followToNewTab(context, () => link.click());
    const address = await nativeClientAddress(microsoft, 'adele@contoso.onmicrosoft.com');
    assert.ok(address.startsWith(`${landing}?code=`));
    await page.bringToFront();
    const box = app.getByRole('textbox', { name: 'Address of the blank page' });
    // What a phone shows of the address: its start only.
    await pasteInto(page, box, address.slice(0, address.indexOf('code=') + 80));
    const refusal = app.getByText(/This address is cut off/);
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /Copy the whole address: .*Select all/);
    assert.equal(await box.getAttribute('aria-invalid'), 'true');
    await keepScreen(page, 'sign-in-cut-off-address');
    await box.fill('');
    await pasteInto(page, box, address);
    await app.getByText(/Signed in as Adele Vance/).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });
});
