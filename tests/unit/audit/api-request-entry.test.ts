import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiRequestEntry } from '../../../server/audit/api-request-entry.js';
import { consumerSchema } from '../../../server/store/schema.js';

const consumer = consumerSchema.parse({
  id: 'c1', name: 'Node-RED', keyHash: 'h', keyPrefix: 'm365_ab', accountIds: ['a1'], allowedScopes: [],
  createdAt: '2026-12-01T00:00:00Z', revokedAt: null,
});
const answered = { consumer, method: 'GET', route: '/v1/accounts/:id/token', error: null };

describe('the audit entry of one consumer-API request', () => {
  it('is the handler’s event when it answered, with what was asked', () => {
    const entry = apiRequestEntry({ ...answered, info: { event: 'token', accountId: 'a1', scopes: ['Mail.Read'] }, status: 200 });
    assert.deepEqual(entry, {
      event: 'token', consumerId: 'c1', consumerName: 'Node-RED', accountId: 'a1', scopes: ['Mail.Read'],
      result: 'ok', status: 200, method: 'GET', path: '/v1/accounts/:id/token',
    });
  });

  it('is a denial with the error code when a check refused, and names the route pattern, not the URL sent', () => {
    const entry = apiRequestEntry({ ...answered, info: { event: 'token', accountId: 'a1', scopes: ['Mail.Send'] }, status: 403, error: 'scope_forbidden' });
    assert.equal(entry.event, 'denied');
    assert.equal(entry.result, 'scope_forbidden');
    assert.equal(entry.path, '/v1/accounts/:id/token');
  });

  it('is a denial without a consumer when no key matched, and says the status when no code was set', () => {
    const entry = apiRequestEntry({ consumer: null, info: null, status: 404, method: 'GET', route: undefined, error: null });
    assert.deepEqual([entry.event, entry.consumerId, entry.result, entry.path], ['denied', null, 'http_404', '(no route)']);
  });

  it('stays a Graph call with result ok once Graph answered, whatever Graph said', () => {
    const entry = apiRequestEntry({
      ...answered, status: 404, error: null,
      info: { event: 'graph', accountId: 'a1', scopes: ['Mail.Read'], method: 'GET', path: '/v1.0/me/messages/…', forwarded: true },
    });
    assert.deepEqual([entry.event, entry.result, entry.path], ['graph', 'ok', '/v1.0/me/messages/…']);
  });
});
