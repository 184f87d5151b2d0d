// msal-node, loaded on first use: the heaviest module the service has (~140 ms and ~10 MiB on the
// 2-vCPU machine), and nothing needs it before the first sign-in or refresh. Every runtime use of
// msal-node goes through msalNode().
import { lazyRequire } from '../lazy-require.js';

export const msalNode = lazyRequire<typeof import('@azure/msal-node')>('@azure/msal-node');
