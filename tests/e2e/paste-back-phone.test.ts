// Journey (issue 12, item 9): on a phone (360 px) the paste box follows the sign-in link at once;
// the Safari, wrongplace and "copy the whole address" notes are folded away until opened.
// Screens at 360 and 1280 px, light and dark.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PHONE_VIEWPORT, horizontalOverflow, openPanel } from '../helpers/browser.js';
import { saveAppRegistration } from '../helpers/e2e-stack.js';
import { useJourney } from '../helpers/journey.js';
import { DESKTOP_VIEWPORT, keepScreen } from '../helpers/screens.js';
import { openSignIn } from './support/panel-steps.js';

describe('the paste-back panel on a phone', () => {
  const journey = useJourney({}, async (stack) => {
    await saveAppRegistration(stack);
  });

  for (const [viewport, colorScheme] of [[PHONE_VIEWPORT, 'light'], [PHONE_VIEWPORT, 'dark'], [DESKTOP_VIEWPORT, 'light']] as const) {
    it(`puts the paste box right after the link and folds the notes (${viewport.width} px, ${colorScheme})`, async () => {
      const { app, page, context, problems } = await openPanel(journey.browser, journey.stack.ingress.panelUrl, { viewport, colorScheme });
      await openSignIn(app);
      await app.getByRole('button', { name: 'Start sign-in' }).click();
      const link = app.getByRole('link', { name: 'Open Microsoft sign-in in a new tab' });
      const box = app.getByRole('textbox', { name: 'Address of the blank page' });
      await box.waitFor();
      const [linkBox, fieldBox] = [await link.boundingBox(), await box.boundingBox()];
      // Only the two short steps between them: well within one phone screen (it was ~1,100 px).
      assert.ok(fieldBox!.y - (linkBox!.y + linkBox!.height) < 400, `the box is ${fieldBox!.y - linkBox!.y} px below the link`);
      for (const note of ['Safari on a Mac downloaded a file named “nativeclient”?', 'Microsoft showed “You have reached a page that is not normally shown”?', 'How to copy the whole address on a phone']) {
        const summary = app.locator('summary', { hasText: note });
        assert.ok((await summary.boundingBox())!.y > fieldBox!.y, `${note} comes after the box`);
        assert.equal(await summary.evaluate((s) => (s.parentElement as HTMLDetailsElement).open), false, `${note} is folded`);
      }
      assert.equal(await app.getByText(/Safari downloads an empty file/).isVisible(), false);
      await keepScreen(page, 'paste-back-phone');
      // Opening a note shows its text.
      await app.locator('summary', { hasText: 'not normally shown' }).click();
      await app.getByText(/open the history \(Ctrl\+H/).waitFor();
      assert.equal(await horizontalOverflow(app), 0);
      await keepScreen(page, 'paste-back-phone-note-open');
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
