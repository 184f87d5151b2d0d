// Prints the size of every JavaScript file the web UI ships (dist/web), raw and gzipped, and the
// total against the 60 KB gzipped budget. With --check it exits 1 when the budget is exceeded.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = 'dist/web';
const BUDGET_GZIP_BYTES = 60 * 1024;

function* jsFiles(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* jsFiles(full);
    else if (/\.m?js$/.test(name)) yield full;
  }
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let files;
try {
  files = [...jsFiles(ROOT)].sort();
} catch {
  console.error(`${ROOT} does not exist: run "npm run build:web" first.`);
  process.exit(1);
}

let total = 0;
let totalGzip = 0;
for (const file of files) {
  const content = readFileSync(file);
  const gzip = gzipSync(content, { level: 9 }).length;
  total += content.length;
  totalGzip += gzip;
  console.log(`${path.relative(ROOT, file).padEnd(24)} ${String(content.length).padStart(9)} B  ${String(gzip).padStart(8)} B gzip  (${kb(content.length)}, ${kb(gzip)} gzip)`);
}
const verdict = totalGzip <= BUDGET_GZIP_BYTES ? 'within' : 'OVER';
console.log(`${'total'.padEnd(24)} ${String(total).padStart(9)} B  ${String(totalGzip).padStart(8)} B gzip  (${kb(total)}, ${kb(totalGzip)} gzip; ${verdict} the ${kb(BUDGET_GZIP_BYTES)} gzip budget)`);
if (process.argv.includes('--check') && totalGzip > BUDGET_GZIP_BYTES) process.exit(1);
