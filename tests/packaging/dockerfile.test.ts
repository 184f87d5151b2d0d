// The Dockerfile checked without a Docker engine: every path it copies exists after `npm run build`
// (or is made by the stage it comes from), the start command is the built entry point, and the
// labels, health check and base image are what the Supervisor and the linter expect.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { parseDockerfile, type Stage } from './dockerfile.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dockerfile = parseDockerfile(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
const config = parse(readFileSync(path.join(ROOT, 'config.yaml'), 'utf8')) as Record<string, any>;
const dockerignore = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const runtime = dockerfile.stages.at(-1)!;

/** Where a path inside a stage comes from in the repository, when the stage copied it from the context. */
function repoPathFor(stage: Stage, containerPath: string): string | undefined {
  const absolute = path.posix.resolve(stage.workdir, containerPath);
  for (const copy of stage.copies.filter((c) => !c.from)) {
    for (const source of copy.sources) {
      const destination = path.posix.resolve(stage.workdir, copy.destination);
      const target = copy.destination.endsWith('/') && !source.endsWith('/') ? path.posix.join(destination, path.posix.basename(source)) : destination;
      if (absolute === target || absolute.startsWith(`${target}/`)) return path.join(ROOT, source, path.posix.relative(target, absolute));
    }
  }
  return undefined;
}

describe('the Dockerfile', () => {
  before(() => {
    assert.ok(existsSync(path.join(ROOT, 'dist/server/main.js')), 'run `npm run build` first (scripts/test.sh does)');
  });

  it('defaults BUILD_FROM to a pinned official Alpine base image', () => {
    assert.match(dockerfile.args.BUILD_FROM ?? '', /^ghcr\.io\/home-assistant\/base:\d+\.\d+(\.\d+)?(@sha256:[0-9a-f]{64})?$/);
    for (const stage of dockerfile.stages) assert.equal(stage.base, '${BUILD_FROM}', `stage ${stage.name ?? 'runtime'} builds on BUILD_FROM`);
  });

  it('copies only files that exist in the build context and are not ignored', () => {
    for (const stage of dockerfile.stages) {
      for (const copy of stage.copies.filter((c) => !c.from)) {
        for (const source of copy.sources) {
          assert.ok(existsSync(path.join(ROOT, source)), `${stage.name ?? 'runtime'}: COPY ${source}`);
          const top = source.replace(/\/$/, '').split('/')[0];
          assert.equal(dockerignore.includes(top ?? ''), false, `${source} is not in .dockerignore`);
        }
      }
    }
  });

  it('copies from the other stages only what they build: the compiled server, the UI bundle, production node_modules', () => {
    for (const copy of runtime.copies.filter((c) => c.from)) {
      const stage = dockerfile.stages.find((s) => s.name === copy.from);
      assert.ok(stage, `stage ${copy.from}`);
      for (const source of copy.sources) {
        if (source.endsWith('/node_modules')) {
          assert.ok(stage.runs.some((r) => /npm ci\b.*--omit=dev/.test(r)), `${copy.from} installs production dependencies only`);
          assert.equal(path.posix.resolve(stage.workdir, 'node_modules'), source);
          continue;
        }
        const inRepo = repoPathFor(stage, source) ?? (source.startsWith(`${stage.workdir}/dist/`) ? path.join(ROOT, path.posix.relative(stage.workdir, source)) : undefined);
        assert.ok(inRepo && existsSync(inRepo), `COPY --from=${copy.from} ${source} exists after npm run build (${inRepo})`);
        assert.ok(stage.runs.some((r) => r.includes('npm run build')), `${copy.from} runs the project's build`);
      }
    }
  });

  it('starts the built entry point with Node as PID 1, so SIGTERM reaches it', () => {
    assert.deepEqual(runtime.entrypoint, [], 'the base image’s /init is not in the way');
    assert.deepEqual(runtime.cmd, ['node', 'dist/server/main.js']);
    assert.equal(config.init, false);
    const entry = path.posix.resolve(runtime.workdir, runtime.cmd![1]!);
    const copied = runtime.copies.find((c) => c.sources.some((s) => s.endsWith('/dist/server')));
    assert.ok(copied, 'the compiled server is copied');
    assert.ok(entry.startsWith(path.posix.resolve(runtime.workdir, copied.destination)), `${entry} is inside the copied server`);
    assert.ok(existsSync(path.join(ROOT, 'dist/server/main.js')));
    assert.ok(runtime.copies.some((c) => c.sources.includes('package.json')), 'package.json ("type": "module") sits next to dist/');
    assert.ok(runtime.runs.some((r) => /apk add --no-cache .*\bnodejs\b/.test(r) && !/\bnpm\b/.test(r)), 'Node from Alpine, without npm');
    assert.ok(runtime.runs.some((r) => /\butil-linux-misc\b/.test(r)), 'flock(1) for the MS365 token-file lock');
  });

  it('checks health on a listener that admits the container’s own loopback', () => {
    assert.deepEqual(runtime.healthcheck?.slice(0, 4), ['wget', '-q', '-O', '/dev/null']);
    const url = new URL(runtime.healthcheck!.at(-1)!);
    assert.equal(url.hostname, '127.0.0.1');
    assert.equal(url.pathname, '/health');
    assert.ok(`${url.port}/tcp` in config.ports, 'the consumer API port (the UI port admits only the Supervisor)');
  });

  it('carries the standard labels', () => {
    const labels = runtime.labels;
    for (const key of ['io.hass.name', 'io.hass.description', 'io.hass.type', 'io.hass.version', 'io.hass.arch', 'io.hass.url', 'org.opencontainers.image.title', 'org.opencontainers.image.source', 'org.opencontainers.image.version', 'org.opencontainers.image.licenses']) {
      assert.ok(labels[key], key);
    }
    assert.equal(labels['io.hass.version'], '${BUILD_VERSION}');
    assert.equal(labels['io.hass.arch'], '${BUILD_ARCH}');
    assert.equal(labels['io.hass.name'], config.name);
    assert.equal(labels['io.hass.url'], config.url);
  });
});
