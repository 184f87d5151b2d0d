// Journey (issue 12, item 8): "Sign in again" from an account's card names that account, Microsoft
// preselects it (login_hint), and when another account comes back the result warns instead of
// quietly adding it. Screens at 1280 and 360 px.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PHONE_VIEWPORT, allowClipboard, followToNewTab, openPanel, pasteInto } from '../helpers/browser.js';
import { saveAppRegistration, signInByApi } from '../helpers/e2e-stack.js';
import { useJourney } from '../helpers/journey.js';
import { DESKTOP_VIEWPORT, keepScreen } from '../helpers/screens.js';

const MEGAN = 'megan@outlook.com';
const ADELE = 'adele@contoso.onmicrosoft.com';

describe('signing one account in again', () => {
  const journey = useJourney({}, async (stack) => {
    const appId = await saveAppRegistration(stack);
    await signInByApi(stack, appId, ['Calendars.Read'], MEGAN);
  });

  for (const viewport of [DESKTOP_VIEWPORT, PHONE_VIEWPORT]) {
    it(`names the account, preselects it at Microsoft, and warns when another came back (${viewport.width} px)`, async () => {
      const { app, page, context, problems } = await openPanel(journey.browser, journey.stack.ingress.panelUrl, { viewport });
      await allowClipboard(context, journey.stack.ingress.origin);
      await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /^Accounts/ }).click();
      await app.getByRole('article', { name: 'Megan Bowen' }).getByRole('link', { name: 'Sign in again as Megan Bowen' }).click();
      await app.getByText(new RegExp(`Signing in again as .*${MEGAN.replace('.', '\\.')}`)).waitFor();
      await keepScreen(page, 'sign-in-again-named');
      await app.getByRole('button', { name: 'Start sign-in' }).click();

      // Microsoft's page: Megan preselected (focused, first), yet Adele is picked by mistake.
      const microsoft = await followToNewTab(context, () => app.getByRole('link', { name: 'Open Microsoft sign-in in a new tab' }).click());
      // Autofocus applies once the page has loaded: wait for it rather than for a time.
      await microsoft.waitForFunction((username) => (document.activeElement as HTMLButtonElement | null)?.value === username, MEGAN);
      assert.equal(await microsoft.getByLabel('Email, phone, or Skype').inputValue(), MEGAN);
      await microsoft.getByRole('button', { name: new RegExp(ADELE.replace(/\./g, '\\.')) }).click();
      await microsoft.getByRole('button', { name: 'Accept', exact: true }).click();
      await microsoft.waitForURL(/\/oauth2\/nativeclient\?/);
      const address = microsoft.url();
      await microsoft.close();
      await page.bringToFront();
      await pasteInto(page, app.getByRole('textbox', { name: 'Address of the blank page' }), address);
      const warning = app.getByRole('status').filter({ hasText: `You signed in as ${ADELE}, not ${MEGAN}` });
      await warning.waitFor();
      await keepScreen(page, 'sign-in-again-different-account');

      // Again, this time going on with the preselected account (Enter on the focused tile).
      await warning.getByRole('button', { name: `Sign in again as ${MEGAN}` }).click();
      await app.getByText(new RegExp(`Signing in again as .*${MEGAN.replace('.', '\\.')}`)).waitFor();
      await app.getByRole('button', { name: 'Start sign-in' }).click();
      const second = await followToNewTab(context, () => app.getByRole('link', { name: 'Open Microsoft sign-in in a new tab' }).click());
      await second.waitForFunction((username) => (document.activeElement as HTMLButtonElement | null)?.value === username, MEGAN);
      await second.keyboard.press('Enter');
      await second.getByRole('button', { name: 'Accept', exact: true }).click();
      await second.waitForURL(/\/oauth2\/nativeclient\?/);
      const right = second.url();
      await second.close();
      await page.bringToFront();
      await pasteInto(page, app.getByRole('textbox', { name: 'Address of the blank page' }), right);
      await app.getByText(new RegExp(`Signed in as .*${MEGAN.replace('.', '\\.')}`)).waitFor();
      assert.equal(await app.getByText(/You signed in as .*, not /).count(), 0);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
