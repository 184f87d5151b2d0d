// Journey (issue 12, Activity): the Activity page narrows its lines by consumer and by account as
// well as by result, together, and says how many it shows. Screens at 1280 and 360 px.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FrameLocator } from 'playwright';
import { PHONE_VIEWPORT, horizontalOverflow, openPanel } from '../helpers/browser.js';
import { saveAppRegistration, signInByApi } from '../helpers/e2e-stack.js';
import { useJourney } from '../helpers/journey.js';
import { DESKTOP_VIEWPORT, keepScreen } from '../helpers/screens.js';

const shown = (app: FrameLocator, text: string) => app.getByRole('status').filter({ hasText: text });

describe('Activity filters', () => {
  const journey = useJourney({}, async (stack) => {
    const appId = await saveAppRegistration(stack);
    await signInByApi(stack, appId, ['Calendars.Read']);
    await signInByApi(stack, appId, ['Calendars.Read'], 'megan@outlook.com');
    const accounts = ((await (await stack.service.ui('/api/accounts')).json()) as { accounts: Array<{ id: string; username: string }> }).accounts;
    const adele = accounts.find((a) => a.username.startsWith('adele'))!.id;
    const megan = accounts.find((a) => a.username.startsWith('megan'))!.id;
    const create = async (name: string, accountIds: string[]) =>
      ((await (await stack.service.ui('/api/consumers', { method: 'POST', json: { name, account_ids: accountIds } })).json()) as { key: string }).key;
    const nodeRed = await create('Node-RED', [adele, megan]);
    const appDaemon = await create('AppDaemon', [adele]);
    const token = (key: string, account: string) => stack.service.api('/v1/token', { method: 'POST', key, json: { account_id: account } });
    assert.equal((await token(nodeRed, adele)).status, 200);
    assert.equal((await token(nodeRed, megan)).status, 200);
    assert.equal((await token(appDaemon, adele)).status, 200);
    assert.equal((await token(appDaemon, megan)).status, 403);
    await stack.service.services.audit.flush();
  });

  for (const viewport of [DESKTOP_VIEWPORT, PHONE_VIEWPORT]) {
    it(`narrows by consumer, account and result together (${viewport.width} px)`, async () => {
      const { app, page, context, problems } = await openPanel(journey.browser, journey.stack.ingress.panelUrl, { viewport });
      await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /^Activity/ }).click();
      await shown(app, 'Showing 4 of 4 entries.').waitFor();
      const consumer = app.getByRole('combobox', { name: 'Consumer' });
      const account = app.getByRole('combobox', { name: 'Account' });
      const result = app.getByRole('combobox', { name: 'Result' });
      const rows = app.getByRole('table', { name: 'Consumer API activity, newest first' }).getByRole('row');

      await consumer.selectOption({ label: 'AppDaemon' });
      await shown(app, 'Showing 2 of 4 entries.').waitFor();
      await account.selectOption({ label: 'megan@outlook.com' });
      await shown(app, 'Showing 1 of 4 entries.').waitFor();
      await rows.filter({ hasText: 'account_forbidden' }).waitFor();
      await keepScreen(page, 'activity-filtered');

      await consumer.selectOption({ label: 'All consumers' });
      await shown(app, 'Showing 2 of 4 entries.').waitFor();
      await result.selectOption({ label: 'Succeeded' });
      await shown(app, 'Showing 1 of 4 entries.').waitFor();
      await rows.filter({ hasText: 'Node-RED' }).getByRole('cell', { name: 'megan@outlook.com' }).waitFor();
      assert.equal(await horizontalOverflow(app), 0);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
