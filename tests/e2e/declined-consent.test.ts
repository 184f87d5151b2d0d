// Journey: the user presses Cancel on Microsoft's consent page, then pastes the address anyway.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pasteInto } from '../helpers/browser.js';
import { saveAppRegistration } from '../helpers/e2e-stack.js';
import { pasteBackAddress } from './support/panel-steps.js';
import { useJourney } from '../helpers/journey.js';

describe('the user declining consent', () => {
  const journey = useJourney({}, async (stack) => {
    await saveAppRegistration(stack);
  });

  it('explains what happened and how to retry, and saves no account', async () => {
    const { session, address } = await pasteBackAddress(journey, { consent: 'Cancel' });
    const { app, page } = session;
    assert.match(address, /error=access_denied/);
    await pasteInto(page, app.getByRole('textbox', { name: 'Address of the blank page' }), address);

    const alert = app.getByRole('alert').filter({ hasText: 'You declined the permissions or cancelled the sign-in' });
    await alert.waitFor();
    await alert.getByText(/Start the sign-in again and choose Accept/).waitFor();
    await alert.getByText('AADSTS65004', { exact: true }).waitFor();
    // The page it is on needs no link to itself: the way on is the one primary action below.
    assert.equal(await alert.getByRole('link', { name: /Open the sign-in page/ }).count(), 0);
    assert.equal(journey.stack.microsoft.stats.tokenRequests.authorization_code, 0, 'no code to redeem');

    await app.getByRole('button', { name: 'Start a new sign-in' }).click();
    await app.getByRole('button', { name: 'Start sign-in' }).waitFor();
    const accounts = (await (await journey.stack.service.ui('/api/accounts')).json()) as { accounts: unknown[] };
    assert.equal(accounts.accounts.length, 0);
    assert.deepEqual(session.problems, []);
  });
});
