// The emulator's authorize leg driven with plain fetch: pages, form POSTs, redirects, error pages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_PERSONAL_USER,
  DEFAULT_TENANT_ID,
  DEFAULT_WORK_USER,
  signInWithFetch,
} from '../../emulators/microsoft/index.js';
import { authorizeUrl, CLIENT_ID, fakeClock, LOCAL_CALLBACK, NATIVE, SECRET, SECRET_ID, useEmulator } from './microsoft-helpers.js';

const ERROR_PAGE = "Sorry, but we're having trouble signing you in.";

describe('Microsoft emulator: authorize', () => {
  const clock = fakeClock();
  const fixture = useEmulator(clock, [NATIVE, LOCAL_CALLBACK]);

  function register(signInAudience: 'multi_and_personal' | 'multi' | 'single' | 'personal', clientId = '0c6f8a2b-3d4e-4f50-8a61-7b2c3d4e5f60') {
    fixture.emulator.registerApp({ clientId, signInAudience, secrets: [{ value: SECRET, id: SECRET_ID }], redirectUris: [NATIVE] });
    return clientId;
  }

  it('serves an accessible account picker and consent page, then redirects from the consent POST', async () => {
    const first = await fetch(authorizeUrl(fixture.emulator.origin, { login_hint: DEFAULT_WORK_USER.username }));
    const picker = await first.text();
    assert.equal(first.status, 200);
    assert.match(picker, /<label for="loginfmt">Email, phone, or Skype<\/label>/);
    assert.match(picker, new RegExp(`value="${DEFAULT_WORK_USER.username}"`));
    const flowToken = /name="flowToken" value="([^"]+)"/.exec(picker)?.[1] ?? '';
    const signIn = await fetch(`${fixture.emulator.origin}/common/login`, { method: 'POST', body: new URLSearchParams({ flowToken, username: DEFAULT_WORK_USER.username }), redirect: 'manual' });
    const consent = await signIn.text();
    assert.match(consent, /<h1>Permissions requested<\/h1>/);
    assert.match(consent, /<li>Read your mail<\/li>/);
    assert.match(consent, /<li>Maintain access to data you have given it access to<\/li>/);
    const accept = await fetch(`${fixture.emulator.origin}/common/Consent/Set`, { method: 'POST', body: new URLSearchParams({ flowToken, decision: 'accept' }), redirect: 'manual' });
    assert.equal(accept.status, 302);
    const location = accept.headers.get('location') ?? '';
    assert.match(location, /^http:\/\/127\.0\.0\.1:\d+\/common\/oauth2\/nativeclient\?code=0\.A[\w-]+&client_info=[\w-]+&state=state-123&session_state=[0-9a-f-]{36}$/);
    const clientInfo = JSON.parse(Buffer.from(new URL(location).searchParams.get('client_info')!, 'base64url').toString());
    assert.deepEqual(clientInfo, { uid: DEFAULT_WORK_USER.oid, utid: DEFAULT_TENANT_ID });

    const landing = await fetch(location);
    assert.equal(landing.status, 200);
    assert.match(await landing.text(), /<body><\/body>/);
  });

  it('leaves client_info out when it was not asked for, and redirects to a registered localhost URI on any port', async () => {
    const url = authorizeUrl(fixture.emulator.origin, { client_info: '0', redirect_uri: 'http://localhost:9999/api/ms365/callback' });
    const { location } = await signInWithFetch(url);
    assert.match(location ?? '', /^http:\/\/localhost:9999\/api\/ms365\/callback\?code=[^&]+&state=state-123&session_state=/);
  });

  it('redirects a declined consent with access_denied, subcode cancel and Microsoft encoding', async () => {
    const { location } = await signInWithFetch(authorizeUrl(fixture.emulator.origin), { consent: 'cancel' });
    assert.match(
      location ?? '',
      /\/common\/oauth2\/nativeclient\?error=access_denied&error_subcode=cancel&error_description=AADSTS65004%3a\+User\+declined\+to\+consent\+to\+access\+the\+app\.%0d%0aTrace\+ID%3a\+[0-9a-f-]{36}%0d%0aCorrelation\+ID%3a\+b1f0c9e2-5d4a-4e3b-8c7d-6a5b4c3d2e1f%0d%0aTimestamp%3a\+2025-01-15\+09%3a00%3a00Z&state=state-123$/,
    );
  });

  it('posts the result back with response_mode=form_post', async () => {
    const { html, location } = await signInWithFetch(authorizeUrl(fixture.emulator.origin, { response_mode: 'form_post', redirect_uri: LOCAL_CALLBACK }));
    assert.equal(location, undefined);
    assert.match(html, new RegExp(`<form method="POST" name="hiddenform" action="${LOCAL_CALLBACK}">`));
    assert.match(html, /<input type="hidden" name="code" value="0\.A[\w-]+">/);
    assert.match(html, /<input type="hidden" name="state" value="state-123">/);
  });

  for (const [label, params, code] of [
    ['an unknown client_id', { client_id: '99999999-9999-4999-8999-999999999999' }, 'AADSTS700016'],
    ['an unregistered redirect URI', { redirect_uri: 'https://example.com/cb' }, 'AADSTS50011'],
    ['a missing redirect URI', { redirect_uri: '' }, 'AADSTS900971'],
  ] as const) {
    it(`shows Microsoft's error page, not a redirect, for ${label}`, async () => {
      const response = await fetch(authorizeUrl(fixture.emulator.origin, params), { redirect: 'manual' });
      const html = await response.text();
      assert.equal(response.headers.get('location'), null);
      assert.ok(html.includes(ERROR_PAGE));
      assert.match(html, new RegExp(`<p id="errorMessage">${code}: `));
      assert.match(html, /<dt>Correlation Id<\/dt><dd>b1f0c9e2-5d4a-4e3b-8c7d-6a5b4c3d2e1f<\/dd>/);
    });
  }

  it('names the unmatched redirect URI and the app in AADSTS50011', async () => {
    const html = await (await fetch(authorizeUrl(fixture.emulator.origin, { redirect_uri: 'https://example.com/cb' }))).text();
    assert.ok(html.includes(`AADSTS50011: The redirect URI 'https://example.com/cb' specified in the request does not match the redirect URIs configured for the application '${CLIENT_ID}'.`));
  });

  it('applies the app audience to the tenant path before sign-in', async () => {
    const personalOnly = register('personal');
    const single = register('single', '1d7e9b3c-4e5f-4061-9b72-8c3d4e5f6071');
    const orgOnly = register('multi', '2e8fac4d-5f60-4172-ac83-9d4e5f607182');
    const cases: Array<[string, string, string]> = [
      [personalOnly, 'common', 'AADSTS9002331'],
      [single, 'common', 'AADSTS50194'],
      [single, 'consumers', 'AADSTS9002332'],
      [orgOnly, 'consumers', 'AADSTS9002332'],
      [CLIENT_ID, '0f0f0f0f-0000-4000-8000-000000000000', 'AADSTS90002'],
    ];
    for (const [clientId, tenant, code] of cases) {
      const html = await (await fetch(authorizeUrl(fixture.emulator.origin, { client_id: clientId }, tenant))).text();
      assert.match(html, new RegExp(`id="errorMessage">${code}: `), `${clientId} on /${tenant}`);
    }
    const ok = await signInWithFetch(authorizeUrl(fixture.emulator.origin, { client_id: single }, DEFAULT_TENANT_ID));
    assert.match(ok.location ?? '', /code=/);
    const byDomain = await signInWithFetch(authorizeUrl(fixture.emulator.origin, { client_id: single }, 'contoso.onmicrosoft.com'));
    assert.match(byDomain.location ?? '', /code=/);
  });

  it('applies the account type after the user picks an account', async () => {
    const single = register('single');
    const orgOnly = register('multi', '2e8fac4d-5f60-4172-ac83-9d4e5f607182');
    const cases: Array<[string, string, string, string]> = [
      [single, DEFAULT_TENANT_ID, DEFAULT_PERSONAL_USER.username, 'AADSTS50020'],
      [orgOnly, 'common', DEFAULT_PERSONAL_USER.username, 'AADSTS500200'],
      [CLIENT_ID, 'organizations', DEFAULT_PERSONAL_USER.username, 'AADSTS500208'],
      [CLIENT_ID, 'consumers', DEFAULT_WORK_USER.username, 'AADSTS500208'],
    ];
    for (const [clientId, tenant, username, code] of cases) {
      const result = await signInWithFetch(authorizeUrl(fixture.emulator.origin, { client_id: clientId }, tenant), { username });
      assert.equal(result.location, undefined);
      assert.ok(result.html.includes(ERROR_PAGE));
      assert.match(result.html, new RegExp(`id="errorMessage">${code}: `), `${username} via /${tenant}`);
    }
    const personal = await signInWithFetch(authorizeUrl(fixture.emulator.origin, {}, 'consumers'), { username: DEFAULT_PERSONAL_USER.username });
    assert.match(personal.location ?? '', /code=M\.C/);
  });

  it('redirects request errors it can trust the redirect URI for', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ response_type: 'token' }, 'error=unsupported_response_type&error_description=AADSTS700051'],
      [{ scope: '' }, 'error=invalid_request&error_description=AADSTS900144'],
      [{ prompt: 'none' }, 'error=login_required&error_description=AADSTS50058'],
      [{ scope: 'api://other/read' }, 'error=invalid_resource&error_description=AADSTS500011'],
      [{ code_challenge_method: 'S512', code_challenge: 'abc' }, 'error=invalid_request&error_description=AADSTS9002313'],
    ];
    for (const [params, expected] of cases) {
      const response = await fetch(authorizeUrl(fixture.emulator.origin, params), { redirect: 'manual' });
      const location = response.headers.get('location') ?? '';
      assert.ok(location.includes(`?${expected}%3a+`), `${JSON.stringify(params)} → ${location}`);
      assert.match(location, /&error_uri=https%3a%2f%2flogin\.microsoftonline\.com%2ferror%3fcode%3d\d+&state=state-123$/);
    }
  });

  it('keeps the user on the picker for an unknown username', async () => {
    const result = await signInWithFetch(authorizeUrl(fixture.emulator.origin), { username: 'nobody@contoso.onmicrosoft.com' });
    assert.equal(result.location, undefined);
    assert.match(result.html, /<p role="alert" id="usernameError">We couldn't find an account with that username.<\/p>/);
    assert.match(result.html, /aria-describedby="usernameError"/);
  });

  it('escapes what it echoes into HTML', async () => {
    const html = await (await fetch(authorizeUrl(fixture.emulator.origin, { login_hint: '"><script>alert(1)</script>' }))).text();
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(html.includes('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
  });

  it('fires an authorize fault once the account is known: redirect codes redirect, page codes show the page', async () => {
    fixture.emulator.failNext({ endpoint: 'authorize', aadsts: 50105 });
    const redirected = await signInWithFetch(authorizeUrl(fixture.emulator.origin));
    assert.match(redirected.location ?? '', /\?error=interaction_required&error_description=AADSTS50105%3a\+Your\+administrator/);
    fixture.emulator.failNext({ endpoint: 'authorize', aadsts: 53003 });
    const page = await signInWithFetch(authorizeUrl(fixture.emulator.origin));
    assert.equal(page.location, undefined);
    assert.match(page.html, /AADSTS53003: Access has been blocked by Conditional Access policies/);
    const normal = await signInWithFetch(authorizeUrl(fixture.emulator.origin));
    assert.match(normal.location ?? '', /code=/);
    assert.equal(fixture.emulator.stats.authorizeRequests, 3);
  });

  it('rejects a replayed consent form', async () => {
    const picker = await (await fetch(authorizeUrl(fixture.emulator.origin))).text();
    const flowToken = /name="flowToken" value="([^"]+)"/.exec(picker)?.[1] ?? '';
    await fetch(`${fixture.emulator.origin}/common/login`, { method: 'POST', body: new URLSearchParams({ flowToken, username: DEFAULT_WORK_USER.username }) });
    const post = () => fetch(`${fixture.emulator.origin}/common/Consent/Set`, { method: 'POST', body: new URLSearchParams({ flowToken, decision: 'accept' }), redirect: 'manual' });
    assert.equal((await post()).status, 302);
    const replay = await post();
    assert.equal(replay.status, 200);
    assert.match(await replay.text(), /AADSTS9002313/);
  });
});
