// Journey: what a first-time user tripped over, fixed (issue 12). Every diagnosis link opens the step
// it names; "Needs attention" at the top of every page lists each alert with its one action, and the
// Accounts badge counts what the cards show; app registrations are renamed and deleted (one in use
// names its accounts); the guide offers the registration that exists instead of making a duplicate.
// Screens are kept at 1280 and 360 px, light and dark (test-artifacts/screens/).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FrameLocator } from 'playwright';
import { prerequisiteStepNumber, prerequisiteStepTitle } from '../../shared/prerequisite-steps.js';
import { PHONE_VIEWPORT, horizontalOverflow, openPanel } from '../helpers/browser.js';
import { everyDiagnosisStep } from '../helpers/diagnosis-steps.js';
import { ENTRA_APP, signInByApi } from '../helpers/e2e-stack.js';
import { useJourney } from '../helpers/journey.js';
import { DESKTOP_VIEWPORT, keepAddonScreen, keepScreen } from '../helpers/screens.js';

const DAY_MS = 24 * 60 * 60_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
const nav = (app: FrameLocator, name: string) => app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: new RegExp(`^${name}`) });

describe('the panel, second pass', () => {
  const ids = { app: '', spare: '' };
  const journey = useJourney({}, async (stack) => {
    const save = async (name: string, expires: string) => {
      const response = await stack.service.ui('/api/app-registrations', {
        method: 'POST',
        json: { display_name: name, client_id: ENTRA_APP.clientId, client_secret: ENTRA_APP.secretValue, secret_expires_on: expires },
      });
      assert.equal(response.status, 201, await response.clone().text());
      return ((await response.json()) as { id: string }).id;
    };
    ids.app = await save(ENTRA_APP.displayName, inDays(5));
    await signInByApi(stack, ids.app, ['Calendars.Read'], 'megan@outlook.com');
    await signInByApi(stack, ids.app, ['Calendars.Read']);
    // Microsoft ends Megan's grant; a consumer's forced refresh finds out, so she needs signing in again.
    // A full key: a limited one would be refused the raw token (403) before the refresh is tried.
    const accounts = ((await (await stack.service.ui('/api/accounts')).json()) as { accounts: Array<{ id: string; username: string }> }).accounts;
    const megan = accounts.find((a) => a.username === 'megan@outlook.com')!.id;
    const consumer = await stack.service.ui('/api/consumers', { method: 'POST', json: { name: 'Node-RED', account_ids: [megan] } });
    const key = ((await consumer.json()) as { key: string }).key;
    stack.microsoft.revokeRefreshTokens('megan@outlook.com');
    assert.equal((await stack.service.api('/v1/token', { method: 'POST', key, json: { account_id: megan, force_refresh: true } })).status, 409);
    // A second copy of the same Entra app, saved by mistake and used by nobody.
    ids.spare = await save('Copy made by mistake', inDays(300));
  });

  it('opens the step each diagnosis links to, for every step a diagnosis can name', async () => {
    const { app, problems, context } = await openPanel(journey.browser, journey.stack.ingress.panelUrl, { viewport: DESKTOP_VIEWPORT });
    for (const step of everyDiagnosisStep()) {
      // The real component from the app bundle, given a diagnosis naming this step, as a failure would show it.
      await app.locator('body').evaluate((body, step) => {
        body.querySelector('#probe')?.remove();
        const probe = document.createElement('m365-diagnosis') as HTMLElement & { error: unknown };
        probe.id = 'probe';
        probe.error = { code: 'probe', message: 'Probe', diagnosis: { class: 'configuration', title: `Probe ${step}`, fix: 'Follow the link.', step } };
        body.append(probe);
      }, step);
      await app.locator('#probe').getByRole('link', { name: /^Open / }).click();
      if (step === 'sign_in') {
        await app.getByRole('heading', { level: 1, name: 'Sign in to Microsoft 365' }).waitFor();
        continue;
      }
      const heading = app.getByRole('button', { name: `Step ${prerequisiteStepNumber(step)}: ${prerequisiteStepTitle(step)}` });
      await heading.waitFor();
      assert.equal(await heading.getAttribute('aria-expanded'), 'true', `${step} is open`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  for (const [viewport, colorScheme] of [[DESKTOP_VIEWPORT, 'light'], [DESKTOP_VIEWPORT, 'dark'], [PHONE_VIEWPORT, 'light'], [PHONE_VIEWPORT, 'dark']] as const) {
    it(`shows what needs attention at the top of every page (${viewport.width} px, ${colorScheme})`, async () => {
      const { app, page, problems, context } = await openPanel(journey.browser, journey.stack.ingress.panelUrl, { viewport, colorScheme });
      for (const tab of ['Guide', 'Consumers', 'Activity', 'Accounts']) {
        await nav(app, tab).click();
        const banner = app.getByRole('region', { name: /Needs attention/ });
        await banner.getByRole('link', { name: 'Sign in again' }).waitFor();
        await banner.getByText(/the client secret of “Home Assistant MS365” expires in [45] days/).waitFor();
        assert.equal(await banner.getByRole('listitem').count(), 2, tab);
      }
      // One account card shows a problem, so the badge says 1 (the secret is not an account).
      await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Accounts 1 needs attention' }).waitFor();
      assert.equal(await horizontalOverflow(app), 0);
      await keepScreen(page, 'attention-accounts');

      await app.getByRole('region', { name: /Needs attention/ }).getByRole('link', { name: 'Replace the client secret' }).click();
      const card = app.getByRole('article', { name: ENTRA_APP.displayName });
      await card.locator('summary', { hasText: 'Replace the client secret' }).waitFor();
      assert.ok(await card.isVisible());
      await app.getByRole('region', { name: /Needs attention/ }).getByRole('link', { name: 'Sign in again' }).click();
      await app.getByRole('heading', { level: 1, name: 'Sign in to Microsoft 365' }).waitFor();

      // A disabled primary button must not look like the live one (dark mode faded blue looked active).
      const base = `${journey.stack.ingress.origin}${journey.stack.ingress.ingressPath}/`;
      const guide = await keepAddonScreen(page, `${base}#/guide/client_secret`, 'guide-client-secret');
      const save = guide.getByRole('button', { name: /Save app registration|Save changes/ });
      const colours = await save.evaluate((button) => {
        const style = getComputedStyle(button);
        return { disabled: (button as HTMLButtonElement).disabled, background: style.backgroundColor };
      });
      if (colours.disabled) assert.doesNotMatch(colours.background, /rgb\(2, 119, 189\)|rgb\(79, 195, 247\)/, 'a disabled primary is not primary-coloured');
      assert.equal(await guide.locator('link[rel="icon"]').getAttribute('href'), './favicon.svg');
      const icon = await guide.request.get(`${base}favicon.svg`);
      assert.equal(icon.status(), 200);
      assert.match(icon.headers()['content-type'] ?? '', /image\/svg\+xml/);
      await guide.close();
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  it('renames and deletes an unused app registration; one in use names its accounts', async () => {
    const { app, page, problems, context } = await openPanel(journey.browser, journey.stack.ingress.panelUrl, { viewport: DESKTOP_VIEWPORT });
    await nav(app, 'Accounts').click();
    const used = app.getByRole('article', { name: ENTRA_APP.displayName });
    await used.getByText('Rename or delete').click();
    await used.getByText(/Used by the accounts (megan@outlook\.com, adele@contoso\.onmicrosoft\.com|adele@contoso\.onmicrosoft\.com, megan@outlook\.com)/).waitFor();
    assert.equal(await used.getByRole('button', { name: 'Delete app registration' }).count(), 0);

    const spare = app.getByRole('article', { name: 'Copy made by mistake' });
    await spare.getByText('Rename or delete').click();
    await spare.getByRole('textbox', { name: 'Name' }).fill('Spare copy');
    await spare.getByRole('button', { name: 'Save the name' }).click();
    const renamed = app.getByRole('article', { name: 'Spare copy' });
    await renamed.waitFor();
    await keepScreen(page, 'app-registrations-manage');
    // Still open: the card is the same element, now with the new name.
    await renamed.getByRole('button', { name: 'Delete app registration' }).click();
    await app.getByRole('dialog', { name: 'Delete Spare copy?' }).getByRole('button', { name: 'Delete app registration' }).click();
    await renamed.waitFor({ state: 'detached' });
    const list = (await (await journey.stack.service.ui('/api/app-registrations')).json()) as { app_registrations: Array<{ id: string }> };
    assert.deepEqual(list.app_registrations.map((r) => r.id), [ids.app]);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('the guide offers the existing registration instead of walking to a duplicate, and warns on a repeated client ID', async () => {
    const { app, page, problems, context } = await openPanel(journey.browser, journey.stack.ingress.panelUrl, { viewport: DESKTOP_VIEWPORT });
    await nav(app, 'Guide').click();
    await app.getByText('0 of 7 steps done.').waitFor();
    const offer = app.getByText(/You already have (an )?app registrations?$/);
    await offer.waitFor();

    // Walking on anyway: the same client ID in step 5 is caught before saving a second copy.
    await app.getByRole('button', { name: /^Step 5:/ }).click();
    await app.getByRole('textbox', { name: 'Application (client) ID' }).fill(ENTRA_APP.clientId);
    await app.getByText('This client ID is already saved').waitFor();
    await keepScreen(page, 'guide-duplicate-client-id');
    await app.getByRole('button', { name: `Use ${ENTRA_APP.displayName} instead` }).click();
    await app.getByText('6 of 7 steps done.').waitFor();
    const permissions = app.getByRole('button', { name: /^Step 7:/ });
    assert.equal(await permissions.getAttribute('aria-expanded'), 'true');
    await app.getByRole('link', { name: 'Continue to sign-in' }).waitFor();
    const list = (await (await journey.stack.service.ui('/api/app-registrations')).json()) as { app_registrations: unknown[] };
    assert.equal(list.app_registrations.length, 1, 'no duplicate was saved');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
