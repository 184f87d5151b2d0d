import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { auditPath, toAuditLine, type AuditEntry } from '../../../server/audit/audit-line.js';
import { AUDIT_FILE, AuditLog } from '../../../server/audit/audit-log.js';
import { createLogger } from '../../../server/log.js';

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'm365-audit-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  event: 'token',
  consumerId: 'c1',
  consumerName: 'Node-RED',
  accountId: 'a1',
  scopes: ['Mail.Read'],
  result: 'ok',
  status: 200,
  ...overrides,
});

const quietLog = createLogger('silent');
const fixedNow = () => new Date('2026-03-01T00:00:00Z');

describe('audit log', () => {
  it('writes one JSON line per entry, snake_case, readable newest first', async (t) => {
    const dir = await tempDir(t);
    const audit = new AuditLog({ dir, now: fixedNow, log: quietLog });
    audit.record(entry());
    audit.record(entry({ event: 'denied', result: 'scope_forbidden', status: 403 }));
    const lines = await audit.read(10);
    assert.deepEqual(lines.map((line) => line.result), ['scope_forbidden', 'ok']);
    assert.deepEqual(lines[1], {
      time: '2026-03-01T00:00:00.000Z', event: 'token', consumer_id: 'c1', consumer_name: 'Node-RED', account_id: 'a1', scopes: ['Mail.Read'], result: 'ok', status: 200,
    });
    assert.equal((await stat(join(dir, AUDIT_FILE))).mode & 0o777, 0o600);
    await audit.close();
  });

  it('rotates by size and keeps three old files', async (t) => {
    const dir = await tempDir(t);
    const audit = new AuditLog({ dir, now: fixedNow, log: quietLog, maxBytes: 2000 });
    for (let i = 0; i < 100; i += 1) {
      audit.record(entry({ consumerId: `c${i}` }));
      if (i % 5 === 4) await audit.flush();
    }
    await audit.close();
    const files = (await readdir(dir)).sort();
    assert.deepEqual(files, [AUDIT_FILE, `${AUDIT_FILE}.1`, `${AUDIT_FILE}.2`, `${AUDIT_FILE}.3`]);
    for (const file of files) assert.ok((await stat(join(dir, file))).size < 2000 + 1000, file);
    const reopened = new AuditLog({ dir, now: fixedNow, log: quietLog, maxBytes: 2000 });
    const newest = await reopened.read(3);
    assert.deepEqual(newest.map((line) => line.consumer_id), ['c99', 'c98', 'c97'], 'reading crosses into rotated files and starts at the newest');
    assert.ok((await reopened.read(1000)).length < 100, 'the oldest lines fell off the end');
  });

  it('never writes a query string or a long path segment (where an id or a pasted secret would sit)', () => {
    const key = `m365_${'k'.repeat(43)}`;
    assert.equal(auditPath(`/v1.0/me/messages/${key}/attachments?access_token=${key}`), '/v1.0/me/messages/…/attachments');
    const line = JSON.stringify(toAuditLine(entry({ path: `/v1.0/${key}`, consumerName: 'x'.repeat(1000) }), fixedNow()));
    assert.equal(line.includes(key), false);
    const token = `eyJ0eXAiOiJKV1QifQ.${'e'.repeat(300)}.${'s'.repeat(40)}`;
    const scopes = toAuditLine(entry({ scopes: ['Mail.Read', 'offline_access', 'https://graph.microsoft.com/Calendars.ReadWrite.Shared', key, token] }), fixedNow()).scopes;
    assert.deepEqual(scopes, ['Mail.Read', 'offline_access', 'https://graph.microsoft.com/Calendars.ReadWrite.Shared', '…', '…'], 'a key or token asked for as a scope is not written');
    assert.ok(line.length < 700);
  });

  it('skips lines it cannot read instead of failing', async (t) => {
    const dir = await tempDir(t);
    const audit = new AuditLog({ dir, now: fixedNow, log: quietLog });
    audit.record(entry());
    await audit.flush();
    const { appendFile } = await import('node:fs/promises');
    await appendFile(join(dir, AUDIT_FILE), 'not json\n{"also":"not a line"}\n');
    assert.equal((await audit.read(10)).length, 1);
    assert.ok((await readFile(join(dir, AUDIT_FILE), 'utf8')).includes('not json'));
  });

  it('logs a failing disk instead of throwing into the request', async (t) => {
    const dir = await tempDir(t);
    const lines: string[] = [];
    const audit = new AuditLog({ dir: join(dir, 'missing', 'folder'), now: fixedNow, log: createLogger('warn', { write: (line: string) => void lines.push(line) }) });
    audit.record(entry());
    await audit.flush();
    assert.ok(lines.some((line) => line.includes('audit log write failed')));
  });
});
