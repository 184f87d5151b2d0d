// The steps of the app-registration guide, in the order a user follows them, and the sign-in that
// comes after it. Diagnoses point at one of these ids so the UI can link straight to the place that
// needs fixing. The titles are the guide's own step headings, so a link reads as the step it opens.

export const PREREQUISITE_STEPS = [
  { id: 'directory', title: 'Have an Entra ID directory' },
  { id: 'register_app', title: 'Start a new app registration' },
  { id: 'account_types', title: 'Choose the supported account types' },
  { id: 'redirect_uri', title: 'Add the redirect URI under Web' },
  { id: 'client_id', title: 'Register, then copy the Application (client) ID' },
  { id: 'client_secret', title: 'Create a client secret and copy its Value' },
  { id: 'api_permissions', title: 'Add the Microsoft Graph permissions' },
  // Not a step of the guide: the sign-in page the guide ends on.
  { id: 'sign_in', title: 'Sign in with your Microsoft account' },
] as const;

export type PrerequisiteStep = (typeof PREREQUISITE_STEPS)[number]['id'];
/** The steps the guide shows (all but the sign-in it leads to). */
export type GuideStepId = Exclude<PrerequisiteStep, 'sign_in'>;

export const PREREQUISITE_STEP_IDS: readonly PrerequisiteStep[] = PREREQUISITE_STEPS.map((s) => s.id);
export const GUIDE_STEP_IDS: readonly GuideStepId[] = PREREQUISITE_STEP_IDS.filter((s): s is GuideStepId => s !== 'sign_in');

export function isPrerequisiteStep(value: unknown): value is PrerequisiteStep {
  return typeof value === 'string' && (PREREQUISITE_STEP_IDS as readonly string[]).includes(value);
}

/** 1-based position, as the guide numbers its steps. */
export function prerequisiteStepNumber(step: PrerequisiteStep): number {
  return PREREQUISITE_STEP_IDS.indexOf(step) + 1;
}

export function prerequisiteStepTitle(step: PrerequisiteStep): string {
  // The find cannot miss: `step` is typed as one of the ids in the list.
  return PREREQUISITE_STEPS.find((s) => s.id === step)?.title ?? step;
}

/** The panel address that opens a step: a guide step, or the sign-in page for `sign_in`. */
export function prerequisiteStepHref(step: PrerequisiteStep): string {
  return step === 'sign_in' ? '#/sign-in' : `#/guide/${step}`;
}

/**
 * How a link or a sentence names the place: "step 3 of the guide, “…”" for a guide step and "the
 * sign-in page" for `sign_in` (the guide has seven steps; there is no eighth to open).
 */
export function prerequisiteStepLabel(step: PrerequisiteStep): string {
  if (step === 'sign_in') return 'the sign-in page';
  return `step ${prerequisiteStepNumber(step)} of the guide, “${prerequisiteStepTitle(step)}”`;
}
