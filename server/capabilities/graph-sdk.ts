// The Microsoft Graph SDK, loaded on first use (the first Graph read after a sign-in, or "Check what
// works"), not at start-up. Every runtime use of the SDK goes through graphSdk().
import { lazyRequire } from '../lazy-require.js';

export const graphSdk = lazyRequire<typeof import('@microsoft/microsoft-graph-client')>('@microsoft/microsoft-graph-client');
