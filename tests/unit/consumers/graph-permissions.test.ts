import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkGraphAccess, permissionsFor } from '../../../server/consumers/graph-permissions.js';
import { AppError } from '../../../server/errors/app-error.js';
import type { Consumer } from '../../../server/store/schema.js';

const consumer = (allowedScopes: string[]): Consumer => ({
  id: 'c', name: 'n', keyHash: 'h', keyPrefix: 'm365_abcdef', accountIds: ['a'], allowedScopes,
  rateLimitPerMinute: 600, createdAt: '2026-01-01T00:00:00Z', revokedAt: null, lastUsedAt: null,
});

const refusal = (run: () => void): AppError | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error as AppError;
  }
};

describe('graph permissions', () => {
  for (const [method, segments, needs] of [
    ['GET', ['me'], 'User.Read'],
    ['GET', ['me', 'messages'], 'Mail.Read'],
    ['GET', ['users', 'ada@example.com', 'messages'], 'Mail.Read'],
    ['POST', ['me', 'sendmail'], 'Mail.Send'],
    ['GET', ['me', 'events'], 'Calendars.Read'],
    ['POST', ['me', 'events'], 'Calendars.ReadWrite'],
    ['POST', ['me', 'findmeetingtimes'], 'Calendars.Read'],
    ['GET', ['me', 'drive', 'root:', 'a.txt:'], 'Files.Read'],
    ['GET', ['me', 'drive', 'root:'], 'Files.Read'],
    ['GET', ['sites', 'root'], 'Sites.Read.All'],
  ] as const) {
    it(`lets ${method} /${segments.join('/')} through with ${needs}`, () => {
      assert.ok(permissionsFor(method, [...segments])?.includes(needs));
      assert.equal(refusal(() => checkGraphAccess(consumer([needs]), method, [...segments], 'p')), undefined);
    });
  }

  it('refuses a write with read permissions only, listing what it needs and what the key has', () => {
    const error = refusal(() => checkGraphAccess(consumer(['Mail.Read']), 'DELETE', ['me', 'messages', 'x'], '/v1.0/me/messages/x'));
    assert.equal(error?.code, 'scope_forbidden');
    assert.deepEqual(error?.toBody().error.allowed_scopes, ['Mail.Read']);
    assert.deepEqual(error?.toBody().error.required_scopes, ['Mail.ReadWrite']);
  });

  it('refuses paths it cannot map to a permission ($batch, unknown) to limited keys only', () => {
    for (const segments of [['$batch'], ['me', 'somethingnew'], ['echo']]) {
      assert.equal(refusal(() => checkGraphAccess(consumer(['Mail.Read']), 'POST', segments, 'p'))?.code, 'scope_forbidden', segments.join('/'));
      assert.equal(refusal(() => checkGraphAccess(consumer([]), 'POST', segments, 'p')), undefined, `${segments.join('/')} for an unlimited key`);
    }
  });

  it('is not fooled by key-like segments or odd case', () => {
    assert.ok(permissionsFor('GET', ['me', 'messages(\'x\')'])?.includes('Mail.Read'));
    assert.equal(permissionsFor('GET', ['__proto__']), undefined);
    assert.equal(permissionsFor('GET', ['me', 'constructor']), undefined);
  });
});
