// Journey: pasting the wrong thing. An address from a sign-in that has expired, and one from another
// site dressed up as Microsoft's blank page: each gets its own plain message under the paste box.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pasteInto } from '../helpers/browser.js';
import { saveAppRegistration } from '../helpers/e2e-stack.js';
import { pasteBackAddress } from './support/panel-steps.js';
import { useJourney } from '../helpers/journey.js';

const ELEVEN_MINUTES_MS = 11 * 60 * 1000;

describe('pasted addresses from a stale sign-in and from another site', () => {
  const journey = useJourney({}, async (stack) => {
    await saveAppRegistration(stack);
  });

  it('refuses each with its own message and redeems nothing', async () => {
    const { session, address } = await pasteBackAddress(journey);
    const { app, page } = session;
    const box = app.getByRole('textbox', { name: 'Address of the blank page' });

    // Another site: the same path and parameters on a host that is not Microsoft's.
    const foreign = address.replace(new URL(address).origin, 'https://login.micros0ftonline.example');
    await pasteInto(page, box, foreign);
    // It names the page this sign-in lands on: here the emulator's, which plays Microsoft.
    await app.getByText(`This address is not the page this sign-in sends you to: it expects ${journey.stack.microsoft.origin}/common/oauth2/nativeclient?code=…`, { exact: false }).waitFor();
    assert.equal(await box.getAttribute('aria-invalid'), 'true');

    // Not an address at all.
    await box.fill('');
    await pasteInto(page, box, 'my sign-in code');
    await app.getByText(/This is not the address of the page Microsoft sent you to\./).waitFor();

    // The real address, but the sign-in was started more than 10 minutes ago: the panel says it
    // expired and takes the paste box away, and the service refuses the address.
    journey.stack.advanceServiceClock(ELEVEN_MINUTES_MS);
    await app.getByRole('status').filter({ hasText: 'This sign-in expired' }).waitFor();
    assert.equal(await box.count(), 0);
    const late = await journey.stack.service.ui('/api/sign-ins/paste', { method: 'POST', json: { url: address } });
    assert.equal(((await late.json()) as { error: { code: string } }).error.code, 'sign_in_expired');

    assert.equal(journey.stack.microsoft.stats.tokenRequests.authorization_code, 0, 'no code was redeemed');
    const accounts = (await (await journey.stack.service.ui('/api/accounts')).json()) as { accounts: unknown[] };
    assert.equal(accounts.accounts.length, 0);
    assert.deepEqual(session.problems, []);
  });
});
