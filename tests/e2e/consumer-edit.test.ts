// Journey (issue 12, item 6 and the Consumers part of item 9): a consumer is changed without a new
// key (name, accounts, permissions and so its key kind, rate limit), and the same key obeys at once;
// a long account address wraps inside its fieldset at 360 px. Screens at 1280/360, light/dark.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PHONE_VIEWPORT, horizontalOverflow, openPanel } from '../helpers/browser.js';
import { saveAppRegistration, signInByApi } from '../helpers/e2e-stack.js';
import { useJourney } from '../helpers/journey.js';
import { DESKTOP_VIEWPORT, keepScreen } from '../helpers/screens.js';

// No hyphen to break at: only overflow-wrap keeps it inside (issue 12 saw one run out on Consumers).
const LONG = 'homeassistantcalendarreader.serviceaccount@verylongcompanyname.onmicrosoft.com';

describe('changing a consumer', () => {
  const ids = { adele: '', long: '', consumer: '', key: '' };
  const journey = useJourney({}, async (stack) => {
    stack.microsoft.addUser({ username: LONG, name: 'Calendar Reader' });
    const appId = await saveAppRegistration(stack);
    await signInByApi(stack, appId, ['Calendars.Read', 'Mail.Read']);
    await signInByApi(stack, appId, ['Calendars.Read'], LONG);
    const accounts = ((await (await stack.service.ui('/api/accounts')).json()) as { accounts: Array<{ id: string; username: string }> }).accounts;
    ids.adele = accounts.find((a) => a.username.startsWith('adele'))!.id;
    ids.long = accounts.find((a) => a.username === LONG)!.id;
    const created = (await (await stack.service.ui('/api/consumers', { method: 'POST', json: { name: 'Node-RED', account_ids: [ids.adele] } })).json()) as { id: string; key: string };
    ids.consumer = created.id;
    ids.key = created.key;
  });

  for (const [viewport, colorScheme] of [[PHONE_VIEWPORT, 'light'], [DESKTOP_VIEWPORT, 'dark']] as const) {
    it(`long addresses wrap in the consumer fieldsets (${viewport.width} px, ${colorScheme})`, async () => {
      const { app, page, context, problems } = await openPanel(journey.browser, journey.stack.ingress.panelUrl, { viewport, colorScheme });
      await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /^Consumers/ }).click();
      const form = app.getByRole('form', { name: 'New consumer' });
      const choice = form.getByText(LONG);
      await choice.waitFor();
      const fits = await choice.evaluate((span) => {
        const fieldset = span.closest('fieldset')!.getBoundingClientRect();
        const box = span.getBoundingClientRect();
        return box.right <= fieldset.right + 0.5;
      });
      assert.equal(fits, true, 'the address stays inside its fieldset');
      assert.equal(await horizontalOverflow(app), 0);
      await app.getByRole('article', { name: 'Node-RED' }).getByRole('button', { name: 'Change Node-RED' }).click();
      await app.getByRole('form', { name: 'Change Node-RED' }).waitFor();
      assert.equal(await horizontalOverflow(app), 0);
      await keepScreen(page, 'consumer-change-form');
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  it('changes name, accounts, permissions and rate limit; the same key gets exactly that', async () => {
    const { app, page, context, problems } = await openPanel(journey.browser, journey.stack.ingress.panelUrl, { viewport: DESKTOP_VIEWPORT });
    const api = (path: string, init: Parameters<typeof journey.stack.service.api>[1] = {}) => journey.stack.service.api(path, { key: ids.key, ...init });
    assert.equal((await api(`/v1/accounts/${ids.adele}/token`)).status, 200, 'a full key reads the token');
    assert.equal((await api(`/v1/accounts/${ids.long}/token`)).status, 403, 'not its account yet');

    await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /^Consumers/ }).click();
    const card = app.getByRole('article', { name: 'Node-RED' });
    await card.getByRole('button', { name: 'Change Node-RED' }).click();
    const form = app.getByRole('form', { name: 'Change Node-RED' });
    const name = form.getByRole('textbox', { name: 'Name' });
    assert.equal(await name.inputValue(), 'Node-RED');
    assert.equal(await form.getByRole('checkbox', { name: /Adele Vance/ }).isChecked(), true, 'starts from what it has');
    await name.fill('Node-RED calendar');
    await form.getByRole('checkbox', { name: /Calendar Reader/ }).check();
    await form.getByRole('checkbox', { name: 'Calendars.Read' }).check();
    await form.getByText(/A limited key: it calls Microsoft Graph through this add-on/).waitFor();
    await form.getByRole('spinbutton', { name: 'Requests per minute' }).fill('30');
    await keepScreen(page, 'consumer-change-filled');
    await form.getByRole('button', { name: 'Save changes' }).click();

    const changed = app.getByRole('article', { name: 'Node-RED calendar' });
    await changed.getByText('30 requests a minute').waitFor();
    await changed.getByText(/^limited/).waitFor();
    await changed.getByText(new RegExp(`Adele Vance|adele@contoso\\.onmicrosoft\\.com`)).first().waitFor();
    assert.equal(await app.getByRole('form', { name: /Change / }).count(), 0, 'the form closes');
    await keepScreen(page, 'consumer-changed');

    // The same key, limited now: Adele's token would carry Mail.Read too, so it goes through Graph.
    const refused = await api(`/v1/accounts/${ids.adele}/token`);
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'raw_token_forbidden');
    assert.equal((await api(`/v1/accounts/${ids.adele}/graph/v1.0/me/events`)).status, 200);
    assert.equal((await api(`/v1/accounts/${ids.adele}/graph/v1.0/me/messages`)).status, 403);
    assert.equal((await api(`/v1/accounts/${ids.long}/graph/v1.0/me/events`)).status, 200, 'its new account');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
