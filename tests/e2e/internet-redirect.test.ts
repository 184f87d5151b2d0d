// Journey: an internet-redirect sign-in. Microsoft sends the other tab to the add-on's public
// callback; the panel updates by itself and nothing is pasted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openPanel, signInAtMicrosoft } from '../helpers/browser.js';
import { saveAppRegistration } from '../helpers/e2e-stack.js';
import { startSignIn } from './support/panel-steps.js';
import { useJourney } from '../helpers/journey.js';

describe('an internet-redirect sign-in', () => {
  const journey = useJourney({ internetRedirect: true }, async (stack) => {
    await saveAppRegistration(stack, 'internet_redirect');
  });

  it('completes in the other tab and the panel shows the account without any pasting', async () => {
    const session = await openPanel(journey.browser, journey.stack.ingress.panelUrl);
    const { app, page } = session;
    const microsoft = await startSignIn(session, { scopes: 'User.Read offline_access Tasks.ReadWrite' });
    assert.equal(await app.getByRole('radio', { name: /Internet redirect/ }).count(), 0, 'the choice is no longer shown once started');
    await app.getByText(/Waiting for you to finish signing in in the other tab/).waitFor();
    assert.equal(await app.getByRole('textbox', { name: 'Address of the blank page' }).count(), 0, 'no paste box');
    assert.ok(journey.stack.publicCallback);
    await app.getByText(journey.stack.publicCallback).waitFor();

    await signInAtMicrosoft(microsoft, 'megan@outlook.com');
    await microsoft.waitForURL((url) => url.href.startsWith(`${journey.stack.publicCallback}?`));
    await microsoft.getByRole('heading', { name: 'Signed in' }).waitFor();
    await microsoft.getByText(/You can close this tab/).waitFor();
    await microsoft.close();

    await page.bringToFront();
    await app.getByText('Signed in as Megan Bowen (megan@outlook.com)').waitFor();
    await app.getByText(/Tasks\.ReadWrite/).first().waitFor();
    assert.equal(await app.getByText('✗ missing').count(), 0);
    assert.deepEqual(session.problems, []);
  });
});
