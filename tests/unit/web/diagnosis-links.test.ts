// Every step a diagnosis can name must open that step: a guide step that exists, numbered as the
// guide numbers it, or the sign-in page. (Before: a declined consent linked to "step 8" of a 7-step guide.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { microsoftErrorPageHint, MICROSOFT_ERROR_PAGE_CODES } from '../../../server/errors/diagnosis.js';
import { prerequisiteStepHref, prerequisiteStepLabel, prerequisiteStepTitle, type PrerequisiteStep } from '../../../shared/prerequisite-steps.js';
import { GUIDE_STEPS } from '../../../web/src/guide/progress.js';
import { everyDiagnosisStep } from '../../helpers/diagnosis-steps.js';

describe('diagnosis links', () => {
  const steps = everyDiagnosisStep();

  it('finds the steps the catalogue names (the walk is not empty)', () => {
    assert.ok(steps.size >= 6, [...steps].join(', '));
    assert.ok(steps.has('sign_in'));
  });

  for (const step of everyDiagnosisStep()) {
    it(`“${step}” opens a place that exists, named as the guide names it`, () => {
      const href = prerequisiteStepHref(step);
      const label = prerequisiteStepLabel(step);
      if (step === 'sign_in') {
        assert.equal(href, '#/sign-in');
        assert.doesNotMatch(label, /step \d/);
        return;
      }
      const index = GUIDE_STEPS.indexOf(step);
      assert.ok(index >= 0, `${step} is not a guide step`);
      assert.equal(href, `#/guide/${step}`);
      assert.ok(label.startsWith(`step ${index + 1} of the guide`), label);
      assert.ok(label.includes(prerequisiteStepTitle(step)), label);
      assert.ok(index + 1 <= GUIDE_STEPS.length);
    });
  }

  it('the error-page hint never names a step beyond the guide', () => {
    for (const code of [undefined, ...MICROSOFT_ERROR_PAGE_CODES]) {
      for (const match of microsoftErrorPageHint(code).matchAll(/step (\d+)/g)) {
        assert.ok(Number(match[1]) <= GUIDE_STEPS.length, `AADSTS${code}: ${match[0]}`);
      }
    }
  });
});
