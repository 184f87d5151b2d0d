// Bundles the Lit web app for production into dist/web (one ES module, minified) and copies the
// static files beside it. The service serves dist/web as it is; every address in it is relative,
// so it works under whatever prefix Home Assistant's ingress gives it.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';

const outdir = 'dist/web';
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
if (existsSync('web/public')) cpSync('web/public', outdir, { recursive: true });
if (existsSync('web/src/app.ts')) {
  // platform 'browser': a Node built-in reached through server/ (only pure modules belong there) fails the build.
  await build({
    entryPoints: ['web/src/app.ts'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    target: 'es2022',
    outfile: `${outdir}/app.js`,
    legalComments: 'none',
    tsconfig: 'web/tsconfig.json',
    logLevel: 'warning',
  });
}
await import('./report-bundle-size.mjs');
