// Journey: the classic mistake of pasting the Secret ID instead of the secret's Value, caught on the
// spot in the guide, before anything is saved and before any sign-in reaches Microsoft.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { openPanel } from '../helpers/browser.js';
import { ENTRA_APP, inMonths } from '../helpers/e2e-stack.js';
import { useJourney } from '../helpers/journey.js';

describe('the Secret ID pasted instead of the Value', () => {
  const journey = useJourney();

  it('is refused as typed, with the reason, and nothing is saved or sent to Microsoft', async () => {
    const { app, problems } = await openPanel(journey.browser, journey.stack.ingress.panelUrl);
    await app.getByRole('button', { name: /Step 5:/ }).click();
    await app.getByRole('textbox', { name: 'Application (client) ID' }).fill(ENTRA_APP.clientId);
    await app.getByRole('button', { name: 'Continue with step 6' }).click();

    const secret = app.getByLabel('Client secret Value', { exact: true });
    await secret.fill(ENTRA_APP.secretId);
    await app.getByLabel('Secret expires on', { exact: true }).fill(inMonths(6));
    const message = app.getByText(/This looks like the Secret ID, not the secret itself\. Copy the Value column instead/);
    await message.waitFor();
    assert.equal(await secret.getAttribute('aria-invalid'), 'true');
    // The message is tied to the field, so a screen reader reads it with the field.
    assert.match((await secret.getAttribute('aria-describedby')) ?? '', /client-secret-error/);
    const save = app.getByRole('button', { name: 'Save app registration' });
    assert.equal(await save.isDisabled(), true, 'cannot be saved');

    // The service refuses it as well, should anything bypass the page.
    const direct = await journey.stack.service.ui('/api/app-registrations', {
      method: 'POST',
      json: { display_name: 'x', client_id: ENTRA_APP.clientId, client_secret: ENTRA_APP.secretId },
    });
    assert.equal(direct.status, 400);
    assert.equal(((await direct.json()) as { error: { code: string } }).error.code, 'secret_is_secret_id');

    await secret.fill(ENTRA_APP.secretValue);
    await message.waitFor({ state: 'detached' });
    assert.equal(await save.isEnabled(), true);

    const registrations = (await (await journey.stack.service.ui('/api/app-registrations')).json()) as { app_registrations: unknown[] };
    assert.equal(registrations.app_registrations.length, 0, 'nothing was saved');
    assert.equal(journey.stack.microsoft.stats.authorizeRequests, 0, 'no sign-in reached Microsoft');
    assert.equal(journey.stack.microsoft.stats.tokenRequests.authorization_code, 0);
    assert.deepEqual(problems, []);
  });
});
