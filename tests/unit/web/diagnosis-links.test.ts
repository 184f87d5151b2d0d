// Every step a diagnosis can name must open that step: a guide step that exists, numbered as the
// guide numbers it, or the sign-in page. (Before: a declined consent linked to "step 8" of a 7-step guide.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as catalogue from '../../../server/errors/aadsts-catalogue.js';
import type { DiagnosisEntry } from '../../../server/errors/aadsts-catalogue.js';
import { microsoftErrorPageHint, MICROSOFT_ERROR_PAGE_CODES } from '../../../server/errors/diagnosis.js';
import { prerequisiteStepHref, prerequisiteStepLabel, prerequisiteStepTitle, type PrerequisiteStep } from '../../../server/errors/prerequisite-steps.js';
import { GUIDE_STEPS } from '../../../web/src/guide/progress.js';

/** Every entry of every table in the catalogue, and the named entries exported beside them. */
export function everyDiagnosisStep(): Set<PrerequisiteStep> {
  const entries: DiagnosisEntry[] = [];
  for (const value of Object.values(catalogue)) {
    if (value instanceof Map) entries.push(...(value.values() as Iterable<DiagnosisEntry>));
    else if (Array.isArray(value)) entries.push(...value.map((p: { entry: DiagnosisEntry }) => p.entry));
    else if (value && typeof value === 'object' && 'step' in value) entries.push(value as DiagnosisEntry);
  }
  return new Set(entries.map((e) => e.step));
}

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
