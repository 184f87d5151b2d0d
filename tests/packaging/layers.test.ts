// The layers the README's Layout section promises, checked on the import lines and on what each
// TypeScript project compiles: the wire contract depends on nothing of the server's, the domain
// never reaches into the HTTP edge, the panel sees only the contract's types and shared/, and shared/
// runs anywhere. A change that crosses a line fails here, not in a later refactor.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Import {
  file: string;
  /** The imported file relative to the repository root, or the package/built-in name. */
  target: string;
  typeOnly: boolean;
}

function sources(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.posix.join(folder, file.split(path.sep).join('/')));
}

const IMPORT = /^(?:import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map(([, type, specifier]) => ({
    file,
    target: specifier!.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier!)) : specifier!,
    typeOnly: Boolean(type),
  }));
}

const crossing = (imports: Import[]) => imports.map((i) => `${i.file} → ${i.target}`);

describe('the layers', () => {
  it('the wire contract imports only zod, itself and shared/', () => {
    const imports = sources('server/http/contract').flatMap(importsOf);
    assert.ok(imports.length > 0);
    const wrong = imports.filter((i) => !(i.target === 'zod' || i.target.startsWith('server/http/contract/') || i.target.startsWith('shared/')));
    assert.deepEqual(crossing(wrong), []);
  });

  it('the domain never imports the HTTP edge: only main.ts composes the listeners', () => {
    const domain = sources('server').filter((file) => !file.startsWith('server/http/') && file !== 'server/main.ts');
    const wrong = domain.flatMap(importsOf).filter((i) => i.target.startsWith('server/http/'));
    assert.deepEqual(crossing(wrong), []);
  });

  it('the panel imports types from the contract, values from shared/, and nothing else of the server', () => {
    const imports = sources('web/src').flatMap(importsOf);
    const server = imports.filter((i) => i.target.startsWith('server/'));
    assert.ok(server.length > 0, 'the panel reads its wire types from the contract');
    assert.deepEqual(crossing(server.filter((i) => !i.target.startsWith('server/http/contract/'))), []);
    assert.deepEqual(crossing(server.filter((i) => !i.typeOnly)), [], 'type-only, so no server code reaches the bundle');
  });

  it('shared/ needs neither Node nor a browser, nor anything of the server or the panel', () => {
    const wrong = sources('shared').flatMap(importsOf).filter((i) => i.target.startsWith('node:') || i.target.startsWith('server/') || i.target.startsWith('web/'));
    assert.deepEqual(crossing(wrong), []);
  });

  it('each side compiles with its own types: no DOM in the server, no Node in the panel', () => {
    const listed = (project: string) => {
      const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project, '--listFilesOnly'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      return run.stdout.split('\n').filter(Boolean);
    };
    const server = listed('server/tsconfig.json');
    assert.deepEqual(server.filter((file) => /lib\.dom/.test(file)), []);
    const web = listed('web/tsconfig.json');
    assert.deepEqual(web.filter((file) => file.includes('/@types/node/')).slice(0, 3), [], 'the panel compiles without Node’s types');
    const serverFiles = web.filter((file) => file.startsWith(`${ROOT}/server/`));
    assert.deepEqual(serverFiles.filter((file) => !file.startsWith(`${ROOT}/server/http/contract/`)), []);
  });
});
