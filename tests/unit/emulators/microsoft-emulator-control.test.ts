// The emulator driven from another process: /_emulator/* controls, metadata documents, the CLI.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startMicrosoftEmulator, signInWithFetch, type MicrosoftEmulator } from '../../emulators/microsoft/index.js';
import { authorizeUrl, CLIENT_ID, codeFrom, NATIVE, postToken, SECRET, SECRET_ID } from './microsoft-helpers.js';

describe('Microsoft emulator: HTTP controls and metadata', () => {
  let emulator: MicrosoftEmulator;

  before(async () => {
    emulator = await startMicrosoftEmulator();
  });
  after(() => emulator.close());

  const control = async (path: string, body?: unknown) => {
    const init: RequestInit = body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
    const response = await fetch(`${emulator.origin}/_emulator/${path}`, init);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('registers apps and users, injects faults and reports stats over HTTP', async () => {
    const app = await control('apps', { clientId: CLIENT_ID, secrets: [{ value: SECRET, id: SECRET_ID }], redirectUris: [NATIVE] });
    assert.equal(app.status, 200);
    assert.ok(!JSON.stringify(app.body).includes(SECRET), 'secret values are not sent back');
    const user = await control('users', { username: 'lee@fabrikam.com', name: 'Lee Gu', personal: true });
    assert.match(String(user.body.oid), /^00000000-0000-0000-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(user.body.tid, '9188040d-6c67-4c5b-b112-36a304b66dad');

    const walked = await signInWithFetch(authorizeUrl(emulator.origin, {}, 'consumers'), { username: 'lee@fabrikam.com' });
    const fields = { grant_type: 'authorization_code', code: codeFrom(walked.location), redirect_uri: NATIVE, scope: 'User.Read openid offline_access' };
    assert.equal((await control('fail-next', { endpoint: 'token', aadsts: 50173 })).status, 200);
    const failed = await postToken(emulator.origin, fields, 'consumers');
    assert.equal(failed.body.suberror, 'bad_token');
    assert.equal((await postToken(emulator.origin, fields, 'consumers')).status, 200);

    const stats = await control('stats');
    assert.deepEqual(stats.body.tokenRequests, { authorization_code: 2, refresh_token: 0 });
    assert.equal(stats.body.authorizeRequests, 1);

    assert.equal((await control('fail-next', { endpoint: 'nowhere' })).status, 400);
    assert.equal((await control('withhold-scopes', { scopes: ['Mail.Read'] })).status, 200);
    assert.equal((await control('reset', {})).status, 200);
    assert.equal((await control('stats')).body.authorizeRequests, 0);
    assert.equal((await control('nothing', {})).status, 404);
  });

  it('serves OpenID configuration and instance discovery for Python MSAL', async () => {
    const config = (await (await fetch(`${emulator.origin}/common/v2.0/.well-known/openid-configuration`, { headers: { 'x-forwarded-host': 'login.microsoftonline.com' } })).json()) as Record<string, unknown>;
    assert.equal(config.issuer, 'https://login.microsoftonline.com/{tenantid}/v2.0');
    assert.equal(config.token_endpoint, 'https://login.microsoftonline.com/common/oauth2/v2.0/token');
    assert.equal(config.msgraph_host, 'graph.microsoft.com');
    const direct = (await (await fetch(`${emulator.origin}/consumers/v2.0/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    assert.equal(direct.issuer, `${emulator.origin}/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0`);

    const endpoint = encodeURIComponent('https://login.microsoftonline.com/common/oauth2/v2.0/authorize');
    const discovery = (await (await fetch(`${emulator.origin}/common/discovery/instance?api-version=1.1&authorization_endpoint=${endpoint}`)).json()) as { metadata: Array<{ aliases: string[] }> };
    assert.ok(discovery.metadata.some((m) => m.aliases.includes('sts.windows.net')));
    const unknown = await fetch(`${emulator.origin}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent('https://evil.example/common/oauth2/v2.0/authorize')}`);
    assert.equal(unknown.status, 400);
    assert.equal(((await unknown.json()) as { error: string }).error, 'invalid_instance');
  });

  it('starts from the CLI with one app and prints only its origin', async () => {
    const cli = fileURLToPath(new URL('../../emulators/microsoft/cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--client-id', CLIENT_ID, '--secret', SECRET, '--redirect-uri', NATIVE], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
      const origin = chunk.toString().trim();
      assert.match(origin, /^http:\/\/127\.0\.0\.1:\d+$/);
      const walked = await signInWithFetch(authorizeUrl(origin));
      assert.match(walked.location ?? '', /code=/);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
