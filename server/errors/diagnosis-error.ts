// Turns a diagnosis into the error contract, so every sign-in and token failure carries its
// class, plain title, fix and prerequisites step, plus the AADSTS number when Microsoft gave one.
import { AppError } from './app-error.js';
import type { ErrorCode } from './codes.js';
import type { Diagnosis } from './diagnosis.js';

export function diagnosisView(diagnosis: Diagnosis): Record<string, unknown> {
  return {
    class: diagnosis.class,
    title: diagnosis.title,
    fix: diagnosis.fix,
    step: diagnosis.step,
    ...(diagnosis.aadsts !== undefined ? { aadsts: diagnosis.aadsts } : {}),
    ...(diagnosis.error ? { error: diagnosis.error } : {}),
    ...(diagnosis.microsoftMessage ? { microsoft_message: diagnosis.microsoftMessage } : {}),
  };
}

export function errorFromDiagnosis(
  diagnosis: Diagnosis,
  code: ErrorCode = 'sign_in_failed',
  headers?: Record<string, string>,
): AppError {
  const chosen: ErrorCode = diagnosis.class === 'transient' && code === 'sign_in_failed' ? 'microsoft_unreachable' : code;
  return new AppError(chosen, {
    message: diagnosis.title,
    fix: diagnosis.fix,
    ...(diagnosis.aadsts !== undefined ? { aadsts: diagnosis.aadsts } : {}),
    details: { diagnosis: diagnosisView(diagnosis) },
    ...(headers ? { headers } : {}),
  });
}
