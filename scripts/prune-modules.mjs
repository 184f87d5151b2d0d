// Removes from a production node_modules what Node never loads at run time: TypeScript sources and
// declarations, source maps and Markdown. Licences and package.json files stay. Run by the image's
// production-dependencies stage and by the packaging test, which then starts the service from the
// pruned tree, so a file that was needed after all fails a test rather than the add-on.
// Usage: node scripts/prune-modules.mjs <node_modules folder>
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const UNUSED = /(\.d\.[cm]?ts|\.[cm]?ts|\.map|\.md|\.markdown)$/i;

/** Bytes of every file under `dir` (apparent sizes, as `du --apparent-size` counts them). */
export function folderBytes(dir) {
  let total = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) total += folderBytes(full);
    else if (item.isFile()) total += statSync(full).size;
  }
  return total;
}

export function pruneModules(dir) {
  let removed = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) removed += pruneModules(full);
    else if (item.isFile() && UNUSED.test(item.name)) {
      rmSync(full);
      removed += 1;
    }
  }
  return removed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node scripts/prune-modules.mjs <node_modules folder>');
  const before = folderBytes(dir);
  const removed = pruneModules(dir);
  const after = folderBytes(dir);
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  console.log(`pruned ${removed} files: ${mb(before)} MB -> ${mb(after)} MB`);
}
