// The steps of the app-registration guide, in the order a user follows them. Diagnoses point at one
// of these ids so the UI can link straight to the step that needs fixing.

export const PREREQUISITE_STEPS = [
  { id: 'directory', title: 'Have an Entra ID directory (personal accounts need one since mid-2024)' },
  { id: 'register_app', title: 'Register an app: App registrations → New registration' },
  { id: 'account_types', title: 'Choose the supported account types' },
  { id: 'redirect_uri', title: 'Add the redirect URI under the Web platform, exactly as shown' },
  { id: 'client_id', title: 'Copy the Application (client) ID' },
  { id: 'client_secret', title: 'Create a client secret and copy its Value' },
  { id: 'api_permissions', title: 'Add Microsoft Graph delegated permissions and consent' },
  { id: 'sign_in', title: 'Sign in with your Microsoft account' },
] as const;

export type PrerequisiteStep = (typeof PREREQUISITE_STEPS)[number]['id'];

export const PREREQUISITE_STEP_IDS: readonly PrerequisiteStep[] = PREREQUISITE_STEPS.map((s) => s.id);

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
