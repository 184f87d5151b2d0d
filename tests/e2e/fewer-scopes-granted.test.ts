// Journey: Microsoft grants fewer permissions than requested. The result shows requested and granted
// side by side, marks the missing one in words and says what to do about it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pasteInto } from '../helpers/browser.js';
import { saveAppRegistration } from '../helpers/e2e-stack.js';
import { pasteBackAddress } from './support/panel-steps.js';
import { useJourney } from '../helpers/journey.js';

describe('a sign-in that grants fewer permissions than requested', () => {
  const journey = useJourney({}, async (stack) => {
    await saveAppRegistration(stack);
    stack.microsoft.withholdScopes(['Mail.Send']);
  });

  it('marks the missing permission and explains the fix', async () => {
    const { session, address } = await pasteBackAddress(journey, { scopes: 'User.Read offline_access Mail.Read Mail.Send' });
    const { app, page } = session;
    await pasteInto(page, app.getByRole('textbox', { name: 'Address of the blank page' }), address);

    await app.getByText(/Signed in as Adele Vance/).waitFor();
    const requested = app.getByRole('region', { name: /Requested/ });
    const granted = app.getByRole('region', { name: /Granted/ });
    assert.deepEqual(
      (await requested.getByRole('listitem').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()),
      ['User.Read ✓ granted', 'Mail.Read ✓ granted', 'Mail.Send ✗ missing'],
    );
    const grantedNames = await granted.getByRole('listitem').allTextContents();
    assert.ok(!grantedNames.includes('Mail.Send'));
    assert.ok(grantedNames.includes('Mail.Read'));

    const advice = app.locator('m365-alert', { hasText: 'Microsoft did not grant 1 of the requested permissions' });
    await advice.waitFor();
    await advice.getByText(/Mail\.Send: add it in the Entra portal under API permissions/).waitFor();
    assert.equal(await advice.getByRole('link', { name: 'step 7' }).getAttribute('href'), '#/guide/api_permissions');
    assert.deepEqual(session.problems, []);
  });
});
