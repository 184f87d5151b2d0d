// Every place a diagnosis can send a person to: the `step` of each entry of each table of the
// catalogue, and of the named entries exported beside them. Shared by the unit test and the journey.
import * as catalogue from '../../server/errors/aadsts-catalogue.js';
import type { DiagnosisEntry } from '../../server/errors/aadsts-catalogue.js';
import type { PrerequisiteStep } from '../../shared/prerequisite-steps.js';

export function everyDiagnosisStep(): Set<PrerequisiteStep> {
  const entries: DiagnosisEntry[] = [];
  for (const value of Object.values(catalogue)) {
    if (value instanceof Map) entries.push(...(value.values() as Iterable<DiagnosisEntry>));
    else if (Array.isArray(value)) entries.push(...value.map((pattern: { entry: DiagnosisEntry }) => pattern.entry));
    else if (value && typeof value === 'object' && 'step' in value) entries.push(value as DiagnosisEntry);
  }
  return new Set(entries.map((entry) => entry.step));
}
