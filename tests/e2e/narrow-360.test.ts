// Journey: the HA phone app, 360 px wide. Every page of the panel, in the states with the longest
// content (open guide steps, long redirect URIs, a new key), must fit without horizontal scrolling.
// Measured inside Home Assistant's iframe and on the page around it; screenshots kept as artifacts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FrameLocator, Page } from 'playwright';
import { PHONE_VIEWPORT, allowClipboard, horizontalOverflow, openPanel, pasteInto } from '../helpers/browser.js';
import { keepAddonScreen, keepScreen } from '../helpers/screens.js';
import { saveAppRegistration, signInByApi } from '../helpers/e2e-stack.js';
import { nativeClientAddress, startSignIn } from './support/panel-steps.js';
import { useJourney } from '../helpers/journey.js';

const tab = (app: FrameLocator, name: string) => app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });

async function assertFits(page: Page, app: FrameLocator, label: string): Promise<void> {
  assert.equal(await horizontalOverflow(app), 0, `${label}: the panel scrolls sideways`);
  assert.equal(await horizontalOverflow(page), 0, `${label}: the Home Assistant page scrolls sideways`);
}

/** The add-on page on its own (same session): kept as a full-page screenshot, and it must fit too. */
async function fullScreenshot(page: Page, url: string, name: string): Promise<void> {
  const full = await keepAddonScreen(page, url, name);
  assert.equal(await horizontalOverflow(full), 0, `${name}: the panel scrolls sideways on its own`);
  await full.close();
}

describe('at 360 px wide', () => {
  const journey = useJourney({}, async (stack) => {
    const appId = await saveAppRegistration(stack);
    await signInByApi(stack, appId, ['Calendars.ReadWrite.Shared', 'Mail.Send.Shared', 'Presence.Read.All'], 'megan@outlook.com');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`no page scrolls sideways (${colorScheme} theme)`, async () => {
      const session = await openPanel(journey.browser, journey.stack.ingress.panelUrl, { viewport: PHONE_VIEWPORT, colorScheme });
      const { app, page, context } = session;
      await allowClipboard(context, journey.stack.ingress.origin);
      const base = `${journey.stack.ingress.origin}${journey.stack.ingress.ingressPath}/`;

      await tab(app, 'Guide').click();
      for (const n of [1, 2, 3, 4, 5, 6, 7]) {
        await app.getByRole('button', { name: new RegExp(`^Step ${n}:`) }).click();
        await assertFits(page, app, `guide step ${n}`);
      }
      await keepScreen(page, 'guide-in-ha');
      await fullScreenshot(page, `${base}#/guide/api_permissions`, 'guide-permissions');
      await fullScreenshot(page, `${base}#/guide/redirect_uri`, 'guide-redirect-uri');

      const microsoft = await startSignIn(session, { scopes: 'User.Read offline_access Calendars.ReadWrite.Shared Contacts.Read.Shared' });
      await page.bringToFront();
      await assertFits(page, app, 'paste-back panel');
      await keepScreen(page, 'paste-back');
      const address = await nativeClientAddress(microsoft, 'adele@contoso.onmicrosoft.com');
      await microsoft.close();
      await pasteInto(page, app.getByRole('textbox', { name: 'Address of the blank page' }), address);
      await app.getByText(/Signed in as Adele Vance/).waitFor();
      await assertFits(page, app, 'sign-in result');
      await keepScreen(page, 'sign-in-result');

      await tab(app, 'Accounts').click();
      await app.getByRole('article', { name: 'Megan Bowen' }).waitFor();
      await assertFits(page, app, 'accounts');
      await fullScreenshot(page, `${base}#/accounts`, 'accounts');

      await tab(app, 'Consumers').click();
      await app.getByRole('textbox', { name: 'Name' }).fill('Node-RED on the kitchen tablet');
      await app.getByRole('checkbox', { name: /Megan Bowen/ }).check();
      await app.getByRole('button', { name: 'Create consumer and key' }).click();
      await app.getByText(/Copy the key now: it is shown only once/).waitFor();
      await assertFits(page, app, 'consumers with a new key');
      await keepScreen(page, 'consumer-key');
      assert.deepEqual(session.problems, []);
      await context.close();
    });
  }
});
