import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLIENT_SECRET, startCoreStack } from '../helpers/core-stack.js';
import { leakedSecrets } from '../helpers/service.js';

type Json = Record<string, any>;

describe('paste-back sign-in', () => {
  it('signs in end to end and lists the account with its granted scopes', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp();
    const started = await stack.startSignIn(app.id, { scopes: ['Calendars.ReadWrite', 'Mail.Read'] });
    assert.equal(started.redirect_uri, 'https://login.microsoftonline.com/common/oauth2/nativeclient');
    const authorize = new URL(started.authorize_url);
    assert.equal(authorize.origin, stack.emulator.origin, 'the browser is sent to the (emulated) login host');
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authorize.searchParams.get('state'), started.state);
    const landed = await stack.landOn(started.authorize_url);
    assert.match(landed, /\/common\/oauth2\/nativeclient\?code=/);
    const response = await stack.paste(landed);
    const body = (await response.json()) as Json;
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.account.username, 'adele@contoso.onmicrosoft.com');
    assert.equal(body.account.display_name, 'Adele Vance');
    assert.match(body.account.home_account_id, /^[0-9a-f-]+\.[0-9a-f-]+$/);
    assert.ok(body.account.tenant_id);
    assert.deepEqual(body.missing_scopes, []);
    assert.ok(body.granted_scopes.includes('Calendars.ReadWrite'));
    assert.ok(body.granted_scopes.includes('User.Read'), 'User.Read is always requested');
    assert.equal(body.profile_check.ok, true, 'Graph /me answered on the account cloud’s Graph host');
    const accounts = (await (await stack.service.ui('/api/accounts')).json()) as Json;
    assert.equal(accounts.accounts.length, 1);
    assert.equal(JSON.stringify(accounts).includes('msal'), false, 'the token cache is never listed');
    assert.deepEqual(leakedSecrets(stack.service.logs, [CLIENT_SECRET, landed, new URL(landed).searchParams.get('code')!]), []);
  });

  it('answers a sign-in, its replay and the account list without a token from the cache', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp();
    const landed = await stack.landOn((await stack.startSignIn(app.id)).authorize_url);
    const first = await (await stack.paste(landed)).json();
    // The same address again: the remembered result, which must not have kept the cache either.
    const replay = (await (await stack.paste(landed)).json()) as Json;
    assert.equal(replay.replayed, true);
    const listed = await (await stack.service.ui('/api/accounts')).json();
    const cache = JSON.parse(stack.service.services.store.data.accounts[0]!.msalCache) as Record<string, Record<string, { secret?: string }>>;
    const secrets = Object.values(cache).flatMap((section) => Object.values(section).map((item) => item.secret)).filter((secret): secret is string => Boolean(secret));
    assert.ok(secrets.length >= 2, 'the cache holds an access and a refresh token');
    for (const [label, body] of [['first answer', first], ['replay', replay], ['account list', listed]] as const) {
      const text = JSON.stringify(body);
      assert.deepEqual(secrets.filter((secret) => text.includes(secret)), [], label);
    }
  });

  it('accepts every form a user may paste the address in', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp();
    const variants: Array<[string, (url: string) => string]> = [
      ['http instead of https', (url) => url.replace(/^http:/, 'http:')],
      ['surrounding whitespace and quotes', (url) => `  "${url}"\n`],
      ['curly quotes', (url) => `“${url}”`],
      ['a trailing #', (url) => `${url}#`],
      ['only the query string', (url) => new URL(url).search],
      ['the query string without ?', (url) => new URL(url).search.slice(1)],
      ['parameters reordered', (url) => {
        const parsed = new URL(url);
        const params = [...parsed.searchParams.entries()].reverse();
        return `${parsed.origin}${parsed.pathname}?${new URLSearchParams(params)}`;
      }],
    ];
    for (const [label, transform] of variants) {
      const started = await stack.startSignIn(app.id);
      const landed = await stack.landOn(started.authorize_url);
      assert.match(landed, /client_info=.*session_state=/, 'Microsoft adds client_info and session_state');
      const response = await stack.paste(transform(landed));
      assert.equal(response.status, 200, `${label}: ${await response.clone().text()}`);
    }
  });

  it('accepts the https address as Microsoft shows it for each cloud', async (t) => {
    const stack = await startCoreStack(t);
    for (const [cloud, host] of [
      ['global', 'login.microsoftonline.com'],
      ['china', 'login.partner.microsoftonline.cn'],
      ['usgov', 'login.microsoftonline.us'],
    ] as const) {
      const app = await stack.createApp({ cloud, display_name: cloud });
      const started = await stack.startSignIn(app.id);
      assert.equal(started.redirect_uri, `https://${host}/common/oauth2/nativeclient`, cloud);
      const landed = new URL(await stack.landOn(started.authorize_url));
      const asMicrosoftShowsIt = `https://${host}${landed.pathname}${landed.search}`;
      const response = await stack.paste(asMicrosoftShowsIt);
      assert.equal(response.status, 200, `${cloud}: ${await response.clone().text()}`);
      const other = cloud === 'global' ? 'login.microsoftonline.us' : 'login.microsoftonline.com';
      const wrongCloud = await stack.startSignIn(app.id);
      const landedAgain = new URL(await stack.landOn(wrongCloud.authorize_url));
      const refused = await stack.paste(`https://${other}${landedAgain.pathname}${landedAgain.search}`);
      assert.equal(((await refused.json()) as Json).error.code, 'paste_wrong_page', `${cloud}: another cloud's host`);
    }
  });

  it('refuses each bad paste with its own message', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp();
    const started = await stack.startSignIn(app.id);
    const landed = new URL(await stack.landOn(started.authorize_url));
    const cases: Array<[string, string, string, number]> = [
      ['empty', '   ', 'paste_empty', 400],
      ['another host', `https://evil.example.com${landed.pathname}${landed.search}`, 'paste_wrong_page', 400],
      ['another path', `${landed.origin}/common/oauth2/v2.0/authorize${landed.search}`, 'paste_wrong_page', 400],
      ['no code', `${landed.origin}${landed.pathname}?state=${started.state}`, 'paste_no_code', 400],
      ['unknown state', `${landed.origin}${landed.pathname}?code=abc&state=nobody-started-this`, 'sign_in_unknown', 400],
      ['not a url', 'hello there', 'paste_not_a_url', 400],
      ['the wrongplace page', `${landed.origin}/common/wrongplace`, 'paste_wrongplace', 400],
    ];
    const messages = new Map<string, string>();
    for (const [label, input, code, status] of cases) {
      const response = await stack.paste(input);
      const body = (await response.json()) as Json;
      assert.equal(response.status, status, label);
      assert.equal(body.error.code, code, label);
      assert.ok(body.error.message && body.error.fix, `${label}: message and fix`);
      assert.equal(JSON.stringify(body).includes('abc&state'), false, `${label}: the paste is not echoed`);
      messages.set(code, body.error.message);
    }
    assert.equal(new Set(messages.values()).size, messages.size, 'every kind of refusal has its own message');
    const ok = await stack.paste(landed.href);
    assert.equal(ok.status, 200, 'the sign-in still completes after refused pastes');
  });

  it('never redeems a code twice: pasting again shows the same success', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp();
    const started = await stack.startSignIn(app.id);
    const landed = await stack.landOn(started.authorize_url);
    const [first, second] = await Promise.all([stack.paste(landed), stack.paste(landed)]);
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    const third = await stack.paste(landed);
    assert.equal(((await third.json()) as Json).replayed, true);
    assert.equal(stack.emulator.stats.tokenRequests.authorization_code, 1, 'one redemption for three pastes');
  });

  it('refuses a used sign-in pasted with another code, and an expired one', async (t) => {
    let now = new Date('2026-11-28T10:00:00Z');
    const stack = await startCoreStack(t, { now: () => now });
    const app = await stack.createApp();
    const started = await stack.startSignIn(app.id);
    const landed = new URL(await stack.landOn(started.authorize_url));
    assert.equal((await stack.paste(landed.href)).status, 200);
    landed.searchParams.set('code', 'another-code');
    const reused = await stack.paste(landed.href);
    assert.equal(reused.status, 409);
    assert.equal(((await reused.json()) as Json).error.code, 'sign_in_already_used');

    const stale = await stack.startSignIn(app.id);
    const staleLanded = await stack.landOn(stale.authorize_url);
    now = new Date(now.getTime() + 11 * 60 * 1000);
    const expired = await stack.paste(staleLanded);
    assert.equal(expired.status, 410);
    assert.equal(((await expired.json()) as Json).error.code, 'sign_in_expired');
    assert.equal(stack.emulator.stats.tokenRequests.authorization_code, 1, 'the expired code was never sent to Microsoft');
  });

  it('turns an error address into a diagnosis, and the declined consent too', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp();
    const started = await stack.startSignIn(app.id);
    const landed = await stack.landOn(started.authorize_url, { consent: 'cancel' });
    assert.match(landed, /error=access_denied/);
    const response = await stack.paste(landed);
    const body = (await response.json()) as Json;
    assert.equal(response.status, 400);
    assert.equal(body.error.code, 'sign_in_failed');
    assert.equal(body.error.diagnosis.class, 'sign_in_again');
    assert.match(body.error.message, /declined/i);
    assert.equal(body.error.diagnosis.step, 'sign_in');
    const again = await stack.paste(landed);
    assert.equal(again.status, 400, 'the same error paste is diagnosed again');
  });

  it('diagnoses AADSTS7000215 at code redemption (the Secret ID saved as the secret)', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp({ client_secret: 'wrong~secret.value_0123456789' });
    const started = await stack.startSignIn(app.id);
    const response = await stack.paste(await stack.landOn(started.authorize_url));
    const body = (await response.json()) as Json;
    assert.equal(response.status, 400);
    assert.equal(body.error.aadsts, 7000215);
    assert.equal(body.error.diagnosis.class, 'configuration');
    assert.equal(body.error.diagnosis.step, 'client_secret');
    assert.match(body.error.fix, /Value/);
    assert.equal(JSON.stringify(body).includes('Trace ID'), false, 'no raw AADSTS blob');
  });

  it('reports the permissions Microsoft did not grant, by name', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp();
    stack.emulator.withholdScopes(['Mail.Send']);
    const started = await stack.startSignIn(app.id, { scopes: ['Mail.Read', 'Mail.Send'] });
    const response = await stack.paste(await stack.landOn(started.authorize_url));
    const body = (await response.json()) as Json;
    assert.equal(response.status, 200);
    assert.deepEqual(body.missing_scopes, ['Mail.Send']);
    assert.ok(body.granted_scopes.includes('Mail.Read'));
    assert.ok(body.requested_scopes.includes('Mail.Send'));
  });
});
