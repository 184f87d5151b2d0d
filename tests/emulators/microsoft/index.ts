// The Microsoft identity emulator's public surface for tests, the demo and the CLI.
export { startMicrosoftEmulator, type MicrosoftEmulator, type MicrosoftEmulatorOptions } from './server.js';
export { signInWithFetch, type SignInOptions, type SignInResult } from './drive.js';
export { CONSUMER_TENANT_ID, DEFAULT_PERSONAL_USER, DEFAULT_TENANT_ID, DEFAULT_WORK_USER, REDACTED, type EmulatorStats } from './state.js';
export { CATALOGUE } from './error-catalogue.js';
export type { AppInput, FaultSpec, SignInAudience, User, UserInput } from './model.js';
