// The Graph SDK client as configured here: the token goes to Graph hosts only (customHosts for all
// three clouds, an https override too), requests reach the override origin, a redirect is never
// followed (redirect: 'manual', counted as a failure), and the retry handler honours Retry-After.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createGraphClient, graphCustomHosts, toRealOrigin, type FetchLike } from '../../../server/capabilities/graph-client.js';
import { fetchGraphProfile } from '../../../server/oauth/graph-profile.js';

interface Seen {
  url: string;
  redirect: RequestRedirect | undefined;
  authorization: string | null;
}

function recorder(answers: Array<() => Response>): { fetch: FetchLike; seen: Seen[] } {
  const seen: Seen[] = [];
  return {
    seen,
    fetch: async (url, init) => {
      seen.push({ url, redirect: init.redirect, authorization: new Headers(init.headers).get('authorization') });
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      return next();
    },
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('Graph SDK client', () => {
  it('lists the three clouds’ Graph hosts, and an https override’s host, as custom hosts', () => {
    assert.deepEqual([...graphCustomHosts('http://127.0.0.1:4011')], ['graph.microsoft.com', 'microsoftgraph.chinacloudapi.cn', 'graph.microsoft.us']);
    assert.ok(graphCustomHosts('https://graph.example.test:8443').has('graph.example.test:8443'));
  });

  it('sends the token to the override origin of the cloud’s host, never following a redirect', async () => {
    const { fetch, seen } = recorder([json(200, { id: '1', displayName: 'Adele' })]);
    const profile = await fetchGraphProfile('http://127.0.0.1:4011', 'token-abc', 'usgov', fetch);
    assert.equal(profile.ok, true);
    assert.equal(profile.displayName, 'Adele');
    assert.equal(seen.length, 1);
    assert.match(seen[0]!.url, /^http:\/\/127\.0\.0\.1:4011\/v1\.0\/me\?\$select=id,displayName,userPrincipalName,mail$/);
    assert.equal(seen[0]!.redirect, 'manual');
    assert.equal(seen[0]!.authorization, 'Bearer token-abc');
  });

  it('treats a redirect as a failure and does not follow it', async () => {
    const { fetch, seen } = recorder([() => new Response(null, { status: 302, headers: { location: 'https://attacker.example/steal' } })]);
    const profile = await fetchGraphProfile('https://graph.microsoft.com', 'token-abc', 'global', fetch);
    assert.deepEqual(profile, { ok: false, status: 302 });
    assert.equal(seen.length, 1, 'the redirect target was never asked');
  });

  it('leaves URLs on other hosts alone', () => {
    assert.equal(toRealOrigin('https://example.com/x', 'global', 'http://127.0.0.1:1'), 'https://example.com/x');
    assert.equal(toRealOrigin('https://graph.microsoft.com/v1.0/me?a=1', 'global', 'http://127.0.0.1:1/prefix/'), 'http://127.0.0.1:1/prefix/v1.0/me?a=1');
  });

  it('retries 429 with a short Retry-After and gives up on a long one without waiting', async () => {
    const short = recorder([json(429, { error: { code: 'TooManyRequests' } }, { 'retry-after': '0' }), json(200, { id: 'me' })]);
    const client = createGraphClient({ cloud: 'global', graphOrigin: 'https://graph.microsoft.com', accessToken: async () => 't', fetch: short.fetch });
    assert.deepEqual(await client.api('/me').get(), { id: 'me' });
    assert.equal(short.seen.length, 2);
    const long = recorder([json(429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'retry-after': '3600' })]);
    const patient = createGraphClient({ cloud: 'global', graphOrigin: 'https://graph.microsoft.com', accessToken: async () => 't', fetch: long.fetch });
    await assert.rejects(patient.api('/me').get(), (error: { statusCode?: number }) => error.statusCode === 429);
    assert.equal(long.seen.length, 1);
  });
});
