// Journey: a mistyped client secret. Microsoft accepts it at sign-in and refuses it only when the code
// is redeemed (AADSTS7000215); the panel shows the diagnosis and leads to the guide step that fixes it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasFocus, pasteInto, screenshot } from '../helpers/browser.js';
import { saveAppRegistration } from '../helpers/e2e-stack.js';
import { pasteBackAddress } from './support/panel-steps.js';
import { useJourney } from '../helpers/journey.js';

describe('AADSTS7000215 at code redemption', () => {
  const journey = useJourney({}, async (stack) => {
    await saveAppRegistration(stack, 'paste_back', 'Gx7~Qm2.Lp9_wR4zT8vN1kJ6hF3dS0aY5uE7iO2X');
  });

  it('shows the diagnosis with its fix, the AADSTS number and a link to guide step 6', async () => {
    const { session, address } = await pasteBackAddress(journey);
    const { app, page } = session;
    await pasteInto(page, app.getByRole('textbox', { name: 'Address of the blank page' }), address);

    const alert = app.getByRole('alert').filter({ hasText: 'The client secret is wrong' });
    await alert.waitFor();
    await alert.getByText(/copy its Value column, not the Secret ID/).waitFor();
    await alert.getByText('AADSTS7000215', { exact: true }).waitFor();
    await alert.getByText(/Microsoft’s message: AADSTS7000215: Invalid client secret provided/).waitFor();
    assert.equal(journey.stack.microsoft.stats.tokenRequests.authorization_code, 1);
    await alert.scrollIntoViewIfNeeded();
    await screenshot(page, 'diagnosis-aadsts7000215');

    await alert.getByRole('link', { name: /Open step 6 of the guide/ }).click();
    const stepButton = app.getByRole('button', { name: /Step 6: Create a client secret/ });
    await stepButton.waitFor();
    assert.equal(await stepButton.getAttribute('aria-expanded'), 'true', 'step 6 is open');
    await app.getByLabel('Client secret Value', { exact: true }).waitFor();
    assert.equal(await hasFocus(stepButton), true, 'focus moved to step 6');

    const accounts = (await (await journey.stack.service.ui('/api/accounts')).json()) as { accounts: unknown[] };
    assert.equal(accounts.accounts.length, 0);
    assert.deepEqual(session.problems, []);
  });
});
