// Journey: a Home Assistant user who is not an administrator opens the panel (add-on mode, HA
// emulated). They can read everything but change nothing, and the panel says so up front.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright';
import { DEFAULT_ADMIN, DEFAULT_NON_ADMIN } from '../emulators/home-assistant/index.js';
import { startAddonStack, type AddonStack } from '../helpers/addon-stack.js';
import { launchBrowser, openPanel } from '../helpers/browser.js';
import { ENTRA_APP, inMonths } from '../helpers/e2e-stack.js';

describe('a non-admin Home Assistant user', () => {
  let stack: AddonStack;
  let browser: Browser;
  before(async () => {
    [stack, browser] = await Promise.all([startAddonStack({ user: DEFAULT_ADMIN }), launchBrowser()]);
    const saved = await stack.ingress('/api/app-registrations', {
      method: 'POST',
      json: { display_name: ENTRA_APP.displayName, client_id: ENTRA_APP.clientId, client_secret: ENTRA_APP.secretValue, secret_expires_on: inMonths(12) },
    });
    assert.equal(saved.status, 201, 'an admin sets the app registration up');
    stack.site.setUser(DEFAULT_NON_ADMIN);
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('sees a read-only panel, and the service refuses changes anyway', async () => {
    const { app, problems } = await openPanel(browser, stack.site.panelUrl);
    await app.getByText('Note: Read only', { exact: true }).waitFor();
    await app.getByText(/Only a Home Assistant administrator can change the set-up/).waitFor();
    const nav = app.getByRole('navigation', { name: 'Sections' });

    await nav.getByRole('link', { name: 'Sign in', exact: true }).click();
    await app.getByText(ENTRA_APP.displayName).first().waitFor();
    assert.equal(await app.getByRole('button', { name: 'Start sign-in' }).isDisabled(), true);

    await nav.getByRole('link', { name: 'Consumers', exact: true }).click();
    await app.getByRole('heading', { name: /Consumers with a key/ }).waitFor();
    assert.equal(await app.getByRole('button', { name: 'Create consumer and key' }).count(), 0);

    await nav.getByRole('link', { name: 'Guide', exact: true }).click();
    await app.getByRole('button', { name: /Step 6:/ }).click();
    assert.equal(await app.getByRole('button', { name: 'Save app registration' }).isDisabled(), true);

    const refused = await stack.ingress('/api/consumers', { method: 'POST', json: { name: 'sneaky' } });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'admin_required');
    assert.deepEqual(problems, []);
  });
});
