// The production install's weight, as the image builds it: `npm ci --omit=dev` from the lock file in
// an empty folder, then the same pruning (scripts/prune-modules.mjs). Bytes as files hold them.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { folderBytes, pruneModules } from '../scripts/prune-modules.mjs';

export interface Footprint {
  installedMB: number;
  prunedMB: number;
}

export function productionFootprint(root: string): Footprint {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'm365-footprint-'));
  try {
    for (const file of ['package.json', 'package-lock.json']) cpSync(path.join(root, file), path.join(dir, file));
    const install = spawnSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`npm ci --omit=dev failed: ${install.stderr}`);
    const modules = path.join(dir, 'node_modules');
    const installedMB = folderBytes(modules) / 1e6;
    pruneModules(modules);
    return { installedMB, prunedMB: folderBytes(modules) / 1e6 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
