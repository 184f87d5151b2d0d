// Bundles the server into one ES module, dist/server/main.js, the file the image runs. One file
// instead of some 200 modules and the packages they pull in: Node resolves, reads and compiles far
// less before the first request (`npm run bench` prints the start-up time against a bare server).
// Type checking is tsc's job (`npm run build:server` runs it first); esbuild only strips types.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

/**
 * Left out of the bundle and loaded from node_modules if ever needed, so their code is not even
 * parsed at start-up:
 * - msal-node and the Graph SDK load on first use (server/lazy-require.ts);
 * - Fastify loads its schema compilers only when a listener brings none of its own, and ours do
 *   (http/fastify-options.ts); light-my-request only for `inject`, which tests use, not the service.
 */
export const LOADED_ON_DEMAND = [
  '@azure/msal-node',
  '@microsoft/microsoft-graph-client',
  '@fastify/ajv-compiler',
  '@fastify/fast-json-stringify-compiler',
  'light-my-request',
];

const outdir = 'dist/server';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: ['server/main.ts'],
  outfile: `${outdir}/main.js`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: LOADED_ON_DEMAND,
  // The CommonJS packages inside (Fastify, pino) call require() for Node's built-ins; an ES module
  // has no require of its own, so the bundle makes one.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  // Names stay as written, so a stack trace in the add-on log still names our functions; whitespace
  // goes, which is what Node's parser spends its start-up time on. The map makes
  // `node --enable-source-maps dist/server/main.js` print source lines.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  legalComments: 'none',
  tsconfig: 'server/tsconfig.json',
  logLevel: 'warning',
});
