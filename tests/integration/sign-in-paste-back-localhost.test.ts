// Paste-back through http://localhost, end to end against the Microsoft emulator: the sign-in, the
// port rule, the refusals that name the address a sign-in expects, and an MS365 entry's sign-in again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { signInWithFetch } from '../emulators/microsoft/index.js';
import { CLIENT_SECRET, NATIVECLIENT_URIS, SECRET_ID, startCoreStack, type CoreStack } from '../helpers/core-stack.js';
import { entryData, startMs365Stack } from '../helpers/ms365-stack.js';
import { leakedSecrets } from '../helpers/service.js';

type Json = Record<string, any>;

/** A second Entra app whose Web platform lists http://localhost next to the nativeclient addresses. */
const LOCAL_CLIENT_ID = '5b1d2c3e-0000-4abc-8def-0123456789ab';

async function localApp(stack: CoreStack, overrides: Record<string, unknown> = {}) {
  stack.emulator.registerApp({
    clientId: LOCAL_CLIENT_ID,
    secrets: [{ value: CLIENT_SECRET, id: SECRET_ID }],
    redirectUris: [...NATIVECLIENT_URIS, 'http://localhost'],
  });
  return stack.createApp({ display_name: 'Local', client_id: LOCAL_CLIENT_ID, ...overrides });
}

const errorOf = async (response: Response) => ((await response.json()) as Json).error as Json;

describe('paste-back through http://localhost', () => {
  it('signs in end to end: Microsoft sends the browser to http://localhost/?code=…, and that address is pasted', async (t) => {
    const stack = await startCoreStack(t);
    const app = await localApp(stack, { redirect_method: 'paste_back_localhost' });
    assert.equal(app.redirect_method, 'paste_back_localhost');
    assert.equal(app.paste_back_localhost_redirect_uri, 'http://localhost', 'the same for every cloud');
    const started = (await stack.startSignIn(app.id)) as Json;
    assert.equal(started.method, 'paste_back_localhost', 'the registration’s method is the default');
    assert.equal(started.redirect_uri, 'http://localhost');
    assert.equal(new URL(started.authorize_url).searchParams.get('redirect_uri'), 'http://localhost', 'sent to Microsoft exactly so');
    const landed = await stack.landOn(started.authorize_url);
    assert.match(landed, /^http:\/\/localhost\/\?code=[^&]+&client_info=[^&]+&state=[^&]+&session_state=/, 'a bare address comes back with "/"');
    const response = await stack.paste(landed);
    const body = (await response.json()) as Json;
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.account.username, 'adele@contoso.onmicrosoft.com');
    assert.equal(stack.emulator.stats.lastTokenRequest?.form.redirect_uri, 'http://localhost', 'the code is redeemed with the same address');
    assert.deepEqual(leakedSecrets(stack.service.logs, [CLIENT_SECRET, landed, new URL(landed).searchParams.get('code')!]), []);
  });

  it('accepts the address as browsers copy it: without http://, without the slash, quoted', async (t) => {
    const stack = await startCoreStack(t);
    const app = await localApp(stack);
    const variants: Array<[string, (url: string) => string]> = [
      ['without http:// (Firefox)', (url) => url.replace(/^http:\/\//, '')],
      ['without the slash', (url) => url.replace('localhost/?', 'localhost?')],
      ['quoted with spaces', (url) => ` “${url}”\n`],
      ['only the query string', (url) => new URL(url).search],
    ];
    for (const [label, transform] of variants) {
      const started = await stack.startSignIn(app.id, { method: 'paste_back_localhost' });
      const landed = await stack.landOn(started.authorize_url);
      const response = await stack.paste(transform(landed));
      assert.equal(response.status, 200, `${label}: ${await response.clone().text()}`);
    }
  });

  it('uses the registered port, and accepts a paste from that port only', async (t) => {
    const stack = await startCoreStack(t);
    // Entra ignores a localhost port when matching (reply-url.md, "Localhost exceptions"): the portal keeps http://localhost.
    const app = await localApp(stack, { localhost_redirect_uri: 'http://localhost:8400' });
    assert.equal(app.paste_back_localhost_redirect_uri, 'http://localhost:8400');
    const started = await stack.startSignIn(app.id, { method: 'paste_back_localhost' });
    assert.equal(started.redirect_uri, 'http://localhost:8400');
    const landed = new URL(await stack.landOn(started.authorize_url));
    assert.equal(landed.host, 'localhost:8400', 'Microsoft sends the browser to the port the sign-in named');
    for (const other of ['localhost', 'localhost:8401']) {
      const moved = landed.href.replace('//localhost:8400/', `//${other}/`);
      const error = await errorOf(await stack.paste(moved));
      assert.equal(error.code, 'paste_wrong_page', other);
      assert.match(error.message, /http:\/\/localhost:8400\/\?code=…/, `${other}: the refusal names the expected address`);
    }
    assert.equal((await stack.paste(landed.href)).status, 200, 'the registered port still completes');
  });

  it('refuses a localhost paste for a nativeclient sign-in and the reverse, naming the address each expects', async (t) => {
    const stack = await startCoreStack(t);
    const app = await localApp(stack);
    const native = await stack.startSignIn(app.id, { method: 'paste_back' });
    const nativeLanded = new URL(await stack.landOn(native.authorize_url));
    const asLocalhost = `http://localhost/${nativeLanded.search}`;
    const first = await errorOf(await stack.paste(asLocalhost));
    assert.equal(first.code, 'paste_wrong_page');
    // The emulator plays Microsoft here, so the page the browser really lands on is its nativeclient page.
    assert.ok(first.message.includes(`${nativeLanded.origin}/common/oauth2/nativeclient?code=…`), first.message);
    assert.equal(JSON.stringify(first).includes(nativeLanded.searchParams.get('code')!), false, 'the code is not echoed');

    const local = await stack.startSignIn(app.id, { method: 'paste_back_localhost' });
    const localLanded = new URL(await stack.landOn(local.authorize_url));
    const asNative = `https://login.microsoftonline.com/common/oauth2/nativeclient${localLanded.search}`;
    const second = await errorOf(await stack.paste(asNative));
    assert.equal(second.code, 'paste_wrong_page');
    assert.match(second.message, /http:\/\/localhost\/\?code=…/);
    assert.match(second.fix, /can’t be reached/);
    for (const [label, address] of [['127.0.0.1', `http://127.0.0.1/${localLanded.search}`], ['a path', `http://localhost/callback${localLanded.search}`]]) {
      assert.equal((await errorOf(await stack.paste(address!))).code, 'paste_wrong_page', label);
    }
    assert.equal(stack.emulator.stats.tokenRequests.authorization_code ?? 0, 0, 'no refused paste reached Microsoft');
    assert.equal((await stack.paste(nativeLanded.href)).status, 200, 'each sign-in still completes from its own page');
    assert.equal((await stack.paste(localLanded.href)).status, 200);
  });

  it('keeps today’s checks: unknown state, no code, used and expired sign-ins', async (t) => {
    let now = new Date('2026-11-28T10:00:00Z');
    const stack = await startCoreStack(t, { now: () => now });
    const app = await localApp(stack);
    const started = await stack.startSignIn(app.id, { method: 'paste_back_localhost' });
    const landed = new URL(await stack.landOn(started.authorize_url));
    assert.equal((await errorOf(await stack.paste('http://localhost/?code=abc&state=nobody-started-this'))).code, 'sign_in_unknown');
    assert.equal((await errorOf(await stack.paste(`http://localhost/?state=${started.state}`))).code, 'paste_no_code');
    assert.equal((await stack.paste(landed.href)).status, 200);
    landed.searchParams.set('code', 'another-code');
    assert.equal((await errorOf(await stack.paste(landed.href))).code, 'sign_in_already_used');
    const stale = await stack.startSignIn(app.id, { method: 'paste_back_localhost' });
    const staleLanded = await stack.landOn(stale.authorize_url);
    now = new Date(now.getTime() + 11 * 60 * 1000);
    assert.equal((await errorOf(await stack.paste(staleLanded))).code, 'sign_in_expired');
    assert.equal(stack.emulator.stats.tokenRequests.authorization_code, 1);
  });

  it('is refused by Microsoft (AADSTS50011) when the app does not list http://localhost', async (t) => {
    const stack = await startCoreStack(t);
    // The core app lists the nativeclient addresses and http://localhost:<port>/auth/callback: another path.
    const app = await stack.createApp();
    const started = await stack.startSignIn(app.id, { method: 'paste_back_localhost' });
    const result = await signInWithFetch(started.authorize_url);
    assert.equal(result.location, undefined, 'Microsoft keeps the browser on its error page');
    assert.match(result.html, /AADSTS50011/);
  });

  it('validates the localhost redirect URI of an app registration', async (t) => {
    const stack = await startCoreStack(t);
    for (const bad of ['https://localhost', 'http://127.0.0.1:8400', 'http://localhost:8400/callback', 'http://localhost/?a=1', 'http://localhost:99999']) {
      const response = await stack.service.ui('/api/app-registrations', {
        method: 'POST',
        json: { display_name: 'x', client_id: LOCAL_CLIENT_ID, client_secret: CLIENT_SECRET, localhost_redirect_uri: bad },
      });
      const error = await errorOf(response);
      assert.equal(response.status, 400, bad);
      assert.equal(error.field, 'localhost_redirect_uri', bad);
    }
    const app = await stack.createApp({ localhost_redirect_uri: 'http://localhost:8400' });
    const patched = (await (await stack.service.ui(`/api/app-registrations/${app.id}`, { method: 'PATCH', json: { localhost_redirect_uri: null } })).json()) as Json;
    assert.equal(patched.localhost_redirect_uri, null);
    assert.equal(patched.paste_back_localhost_redirect_uri, 'http://localhost');
  });
});

describe('MS365 sign in again through http://localhost', () => {
  it('signs an entry in again with the localhost paste-back and writes its token file', async (t) => {
    const stack = await startMs365Stack(t);
    const clientId = '6c2e3d4f-0000-4abc-8def-0123456789ab';
    const secret = 'Zz9~Local.EntrySecretValue_abcdefghijklm';
    stack.microsoft.registerApp({
      clientId,
      secrets: [{ value: secret, id: 'd0d0d0d0-1111-4222-8333-444455556666' }],
      redirectUris: ['https://login.microsoftonline.com/common/oauth2/nativeclient', 'http://localhost'],
    });
    const entry = stack.addEntry({ domain: 'ms365_calendar', data: entryData({ entity: 'home', clientId, secret }) });
    const started = await stack.ui(`/api/ms365/entries/${entry.entry_id}/sign-ins`, { method: 'POST', json: { method: 'paste_back_localhost' } });
    const startedBody = (await started.json()) as Json;
    assert.equal(started.status, 201, JSON.stringify(startedBody));
    assert.equal(startedBody.redirect_uri, 'http://localhost');
    const landed = await signInWithFetch(startedBody.authorize_url);
    assert.match(landed.location ?? '', /^http:\/\/localhost\/\?code=/);
    const finished = await stack.ui(`/api/ms365/entries/${entry.entry_id}/sign-ins/paste`, { method: 'POST', json: { url: landed.location!.replace(/^http:\/\//, '') } });
    const body = (await finished.json()) as Json;
    assert.equal(finished.status, 200, JSON.stringify(body));
    assert.equal(body.entry.token_file.state, 'ok');
    const file = JSON.parse(readFileSync(stack.tokenFile('ms365_calendar', 'home'), 'utf8')) as Record<string, unknown>;
    assert.ok(file.RefreshToken, 'the token file was written');
    assert.equal(JSON.stringify(file).includes('localhost'), false, 'the file does not record which redirect was used');
    assert.equal((await stack.signInByPaste(entry.entry_id, { method: 'paste_back_localhost' })).status, 200, 'and again, through the helper');
  });
});
