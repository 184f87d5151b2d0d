// The msal-node network module: URL rewriting (pure) and the fetch behaviour msal relies on.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { msalNode } from '../../../server/oauth/msal-module.js';
import { createNetworkClient, MICROSOFT_LOGIN_HOSTS, rewriteLoginUrl } from '../../../server/oauth/rewriting-network-client.js';

// The copy of msal-node the service loads on first use: its AuthError is the class msal-node checks.
const { AuthError } = msalNode();

const OVERRIDE = 'http://127.0.0.2:4011';

describe('rewriteLoginUrl', () => {
  it('sends every login host of every cloud to the override, keeping path, query and fragment', () => {
    assert.equal(MICROSOFT_LOGIN_HOSTS.length, 8);
    for (const host of MICROSOFT_LOGIN_HOSTS) {
      const url = `https://${host}/common/oauth2/v2.0/authorize?client_id=x&scope=User.Read%20openid#frag`;
      assert.equal(rewriteLoginUrl(url, OVERRIDE), `${OVERRIDE}/common/oauth2/v2.0/authorize?client_id=x&scope=User.Read%20openid#frag`);
    }
  });

  it('matches hosts case-insensitively and keeps an override path prefix', () => {
    assert.equal(rewriteLoginUrl('https://LOGIN.MicrosoftOnline.com/t/oauth2/v2.0/token', 'http://10.0.0.5:8080/emu/'), 'http://10.0.0.5:8080/emu/t/oauth2/v2.0/token');
  });

  it('leaves other hosts and a missing override alone', () => {
    const graph = 'https://graph.microsoft.com/v1.0/me';
    assert.equal(rewriteLoginUrl(graph, OVERRIDE), graph);
    assert.equal(rewriteLoginUrl('https://login.microsoftonline.com.evil.example/common', OVERRIDE), 'https://login.microsoftonline.com.evil.example/common');
    const login = 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?a=1';
    assert.equal(rewriteLoginUrl(login, undefined), login);
    assert.equal(rewriteLoginUrl(login, ''), login);
  });
});

describe('createNetworkClient', () => {
  let server: Server;
  let origin: string;
  const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];

  before(async () => {
    server = createServer((req, res) => void route(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    if (req.url?.startsWith('/hang')) return;
    if (req.url?.startsWith('/moved')) return void res.writeHead(Number(req.url.slice(6, 9)), { location: `${origin}/stolen` }).end();
    if (req.url?.startsWith('/html')) return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>portal</html>');
    const status = req.url?.startsWith('/err') ? 400 : 200;
    res.writeHead(status, { 'content-type': 'application/json', 'X-MS-Request-Id': 'rid-1' }).end(JSON.stringify({ ok: status === 200, error: status === 400 ? 'invalid_grant' : undefined }));
  }

  it('rewrites a login URL, posts the body, names the original host and lower-cases response headers', async () => {
    const client = createNetworkClient({ loginOverride: origin });
    const response = await client.sendPostRequestAsync<{ ok: boolean }>('https://login.microsoftonline.us/common/oauth2/v2.0/token?client-request-id=abc', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: 'grant_type=refresh_token',
    });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { ok: true });
    assert.equal(response.headers['x-ms-request-id'], 'rid-1');
    const last = seen.at(-1)!;
    assert.equal(last.url, '/common/oauth2/v2.0/token?client-request-id=abc');
    assert.equal(last.body, 'grant_type=refresh_token');
    assert.equal(last.headers['x-forwarded-host'], 'login.microsoftonline.us');
  });

  it('returns 4xx responses for msal to read instead of throwing', async () => {
    const response = await createNetworkClient().sendGetRequestAsync<{ error: string }>(`${origin}/err`);
    assert.equal(response.status, 400);
    assert.equal(response.body.error, 'invalid_grant');
    assert.equal(seen.at(-1)!.headers['x-forwarded-host'], undefined, 'no header when nothing was rewritten');
  });

  it('throws token_parsing_error for a non-JSON body, like msal-node’s own client', async () => {
    const error = await createNetworkClient().sendGetRequestAsync(`${origin}/html`).catch((e: unknown) => e);
    assert.ok(error instanceof AuthError);
    assert.equal(error.errorCode, 'token_parsing_error');
    assert.match(error.message, /^token_parsing_error: Failed to parse response: /);
  });

  for (const status of [301, 302, 303, 307, 308]) {
    it(`never follows a ${status}: the POST body goes nowhere else and the request fails as network_error`, async () => {
      const before = seen.length;
      const error = await createNetworkClient().sendPostRequestAsync(`${origin}/moved${status}`, { body: 'client_secret=s3cret&refresh_token=rt' }).catch((e: unknown) => e);
      assert.ok(error instanceof AuthError);
      assert.equal(error.errorCode, 'network_error');
      assert.match(error.errorMessage, new RegExp(`redirect \\(${status}\\)`));
      assert.deepEqual(seen.slice(before).map((r) => r.url), [`/moved${status}`], 'nothing reached the redirect target');
    });
  }

  it('times out a hanging server and reports network failures as network_error', async () => {
    const client = createNetworkClient({ timeoutMs: 100 });
    const timeout = await client.sendPostRequestAsync(`${origin}/hang`, { body: 'x' }).catch((e: unknown) => e);
    assert.ok(timeout instanceof AuthError);
    assert.equal(timeout.errorCode, 'network_error');
    assert.equal(timeout.errorMessage, 'Request timeout');

    const refused = await createNetworkClient({ loginOverride: 'http://127.0.0.1:1' })
      .sendGetRequestAsync('https://login.microsoftonline.com/common/discovery/instance')
      .catch((e: unknown) => e);
    assert.ok(refused instanceof AuthError);
    assert.equal(refused.errorCode, 'network_error');
    assert.match(refused.errorMessage, /^Network request failed: /);
  });
});
