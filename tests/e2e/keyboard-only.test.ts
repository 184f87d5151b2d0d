// Journey: the whole guide and a sign-in with the keyboard alone: Tab to reach, Space and Enter to
// act, typing to fill. Every control is found by its accessible name, and focus stays visible.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright';
import { allowClipboard, openPanel, tabTo } from '../helpers/browser.js';
import { ENTRA_APP } from '../helpers/e2e-stack.js';
import { useJourney } from '../helpers/journey.js';

/** Tabs to the control and presses a key on it. */
async function press(page: Page, target: Locator, key: 'Space' | 'Enter'): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

async function outlineOf(target: Locator): Promise<string> {
  return target.evaluate((el) => getComputedStyle(el).outlineStyle);
}

/** A date a year ahead, typed as a US-English date field expects it (month, day, year). */
function typedDateInAYear(): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}${d.getUTCFullYear()}`;
}

describe('the guide and a sign-in with the keyboard only', () => {
  const journey = useJourney();

  it('can be completed without a pointer', async () => {
    const { app, page, context, problems } = await openPanel(journey.browser, journey.stack.ingress.panelUrl);
    await allowClipboard(context, journey.stack.ingress.origin);
    const kb = page.keyboard;

    for (const n of [1, 2, 3, 4]) {
      if (n === 4) {
        // This journey finishes on Microsoft's blank page: from the default (localhost) choice, the arrow key picks the next method.
        await tabTo(page, app.getByRole('radio', { name: /Localhost paste-back/ }));
        await kb.press('ArrowDown');
        assert.equal(await app.getByRole('radio', { name: /^Paste-back/ }).isChecked(), true);
      }
      const done = app.getByRole('checkbox', { name: `Step ${n} done` });
      await press(page, done, 'Space');
      // Ticking closes the step and opens the next; its heading now says it is done.
      await app.getByRole('button', { name: new RegExp(`^Step ${n}: .*\\(done\\)$`) }).waitFor();
    }
    await tabTo(page, app.getByRole('textbox', { name: 'Application (client) ID' }));
    await kb.type(ENTRA_APP.clientId);
    await press(page, app.getByRole('button', { name: 'Continue with step 6' }), 'Enter');

    await tabTo(page, app.getByLabel('Client secret Value', { exact: true }));
    await kb.type(ENTRA_APP.secretValue);
    await tabTo(page, app.getByLabel('Secret expires on', { exact: true }));
    await kb.type(typedDateInAYear());
    const save = app.getByRole('button', { name: 'Save app registration' });
    await press(page, save, 'Enter');
    await app.getByText(/Saved “Home Assistant MS365”/).waitFor();
    await press(page, app.getByRole('button', { name: 'Continue with step 7' }), 'Enter');

    const todo = app.getByRole('checkbox', { name: 'Use MS365 ToDo' });
    await press(page, todo, 'Space');
    assert.equal(await outlineOf(todo), 'solid', 'focus is visible on a checkbox');
    await app.getByRole('list', { name: /Add exactly these 3 delegated permissions/ }).getByText('Tasks.Read', { exact: true }).waitFor();
    await press(page, app.getByRole('link', { name: 'Continue to sign-in' }), 'Enter');

    const start = app.getByRole('button', { name: 'Start sign-in' });
    await tabTo(page, start);
    assert.equal(await outlineOf(start), 'solid', 'focus is visible on a button');
    await kb.press('Enter');
    const open = app.getByRole('link', { name: 'Open Microsoft sign-in in a new tab' });
    await tabTo(page, open);
    const [microsoft] = await Promise.all([context.waitForEvent('page'), kb.press('Enter')]);
    await microsoft.waitForLoadState('domcontentloaded');
    await press(microsoft, microsoft.getByRole('button', { name: /adele@contoso\.onmicrosoft\.com/ }), 'Enter');
    await press(microsoft, microsoft.getByRole('button', { name: 'Accept', exact: true }), 'Enter');
    await microsoft.waitForURL(/\/oauth2\/nativeclient\?code=/);

    // The user copies the address bar (Ctrl+L, Ctrl+C), comes back and pastes with Ctrl+V.
    await page.bringToFront();
    const box = app.getByRole('textbox', { name: 'Address of the blank page' });
    await box.evaluate((_el, text) => navigator.clipboard.writeText(text), microsoft.url());
    await tabTo(page, box);
    await kb.press('Control+V');
    await app.getByText(/Signed in as Adele Vance/).waitFor();

    await press(page, app.getByRole('link', { name: 'Go to accounts' }), 'Enter');
    const card = app.getByRole('article', { name: 'Adele Vance' });
    await card.getByText('Status: Working').waitFor();
    // Removing asks first; Escape keeps the account.
    await press(page, card.getByRole('button', { name: /Remove/ }), 'Enter');
    const dialog = app.getByRole('dialog', { name: /Remove adele@contoso\.onmicrosoft\.com/ });
    await dialog.waitFor();
    await kb.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await card.waitFor();
    assert.deepEqual(problems, []);
  });
});
