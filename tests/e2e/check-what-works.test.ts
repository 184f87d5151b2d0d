// Journey: "Check what works" on the Accounts page. A work account whose To Do permission Microsoft
// did not grant shows what works with counts and names the missing permission with the Entra step;
// a personal account shows Teams as not available for its kind of account.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PERSONAL_USER } from '../emulators/microsoft/index.js';
import { openPanel } from '../helpers/browser.js';
import { saveAppRegistration, signInByApi } from '../helpers/e2e-stack.js';
import { useJourney } from '../helpers/journey.js';

describe('Check what works', () => {
  const journey = useJourney({}, async (stack) => {
    const appId = await saveAppRegistration(stack);
    stack.microsoft.withholdScopes(['Tasks.Read']);
    await signInByApi(stack, appId, ['Calendars.Read', 'Mail.Read', 'Tasks.Read']);
    await signInByApi(stack, appId, ['Calendars.Read', 'Presence.Read', 'Chat.Read'], DEFAULT_PERSONAL_USER.username);
  });

  const row = (card: ReturnType<Awaited<ReturnType<typeof openPanel>>['app']['getByRole']>, feature: string) => card.locator(`tr[data-feature="${feature}"]`);

  it('on a work account with one permission missing, names it and the Entra step', async () => {
    const { app, problems } = await openPanel(journey.browser, journey.stack.ingress.panelUrl);
    await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Accounts', exact: true }).click();
    const card = app.getByRole('article', { name: 'Adele Vance' });
    await card.getByRole('button', { name: /Check what works/ }).click();
    await row(card, 'calendars').getByText('3 calendars').waitFor();
    assert.match(await row(card, 'calendars').textContent() ?? '', /Works/);
    assert.match(await row(card, 'mail_folders').textContent() ?? '', /Works.*6 mail folders/s);
    const todo = row(card, 'todo_lists');
    assert.equal(await todo.getAttribute('data-verdict'), 'missing_permission');
    assert.match(await todo.textContent() ?? '', /Missing permission/);
    assert.match(await todo.textContent() ?? '', /API permissions → Add a permission → Microsoft Graph → Delegated permissions → Tasks\.Read/);
    assert.deepEqual(problems, []);
  });

  it('on a personal account, says Teams is not available', async () => {
    const { app, problems } = await openPanel(journey.browser, journey.stack.ingress.panelUrl);
    await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Accounts', exact: true }).click();
    const card = app.getByRole('article', { name: 'Megan Bowen' });
    await card.getByRole('button', { name: /Check what works/ }).click();
    await row(card, 'presence').waitFor();
    for (const feature of ['presence', 'chats']) {
      assert.equal(await row(card, feature).getAttribute('data-verdict'), 'not_available');
      assert.match(await row(card, feature).textContent() ?? '', /Not available.*personal Microsoft accounts/s);
    }
    assert.match(await row(card, 'calendars').textContent() ?? '', /Works/);
    assert.deepEqual(problems, []);
  });
});
