// Journey: the panel as Home Assistant serves it. Relative addresses only, a strict content security
// policy, framing by the same origin allowed, no cookies, no absolute redirects; and the emulated
// ingress behaves like the real one: 401 without its SameSite=Strict session, also after a
// cross-site redirect.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openPanel } from '../helpers/browser.js';
import { saveAppRegistration } from '../helpers/e2e-stack.js';
import { openSignIn } from './support/panel-steps.js';
import { useJourney } from '../helpers/journey.js';

describe('serving under Home Assistant ingress', () => {
  const journey = useJourney({ internetRedirect: true }, async (stack) => {
    await saveAppRegistration(stack);
  });

  it('answers 401 without the ingress session cookie', async () => {
    const response = await fetch(`${journey.stack.ingress.origin}${journey.stack.ingress.ingressPath}/`);
    assert.equal(response.status, 401);
  });

  it('serves the app with relative addresses, a strict policy, same-origin framing and no cookies', async () => {
    const { context, app, problems } = await openPanel(journey.browser, journey.stack.ingress.panelUrl);
    await openSignIn(app);
    await app.getByRole('button', { name: 'Start sign-in' }).click();
    await app.getByRole('link', { name: 'Open Microsoft sign-in in a new tab' }).waitFor();

    const base = `${journey.stack.ingress.origin}${journey.stack.ingress.ingressPath}/`;
    const index = await context.request.get(base);
    assert.equal(index.status(), 200);
    const html = await index.text();
    assert.doesNotMatch(html, /(src|href)="\//, 'no root-relative address in index.html');
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)/, 'no inline script');
    const csp = index.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|frame-ancestors 'none'/);
    assert.notEqual(index.headers()['x-frame-options']?.toUpperCase(), 'DENY');
    assert.equal(index.headers()['referrer-policy'], 'no-referrer', 'the ingress token never leaks in a Referer');

    for (const entry of journey.stack.ingress.requests) {
      assert.equal(entry.setCookie, undefined, `${entry.path} sets no cookie`);
      if (entry.location) assert.ok(!entry.location.startsWith('/'), `${entry.path} redirects relatively`);
    }
    assert.ok(journey.stack.ingress.requests.some((r) => r.path === '/api/sign-ins' && r.method === 'POST'), 'the API was reached through the prefix');
    assert.deepEqual(problems, [], 'no CSP violation or script error');
  });

  it('gives the callback page a policy that allows its one inline style and no script', async () => {
    const response = await fetch(`${journey.stack.publicCallback}?error=access_denied&state=unknown`);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/=]+'/);
    assert.doesNotMatch(csp, /script-src|unsafe-inline/);
  });

  it('drops the SameSite=Strict session on a redirect from Microsoft’s site, as the real ingress does', async () => {
    const { page } = await openPanel(journey.browser, journey.stack.ingress.panelUrl);
    const clientId = '0c7e2a4b-9d1f-4e3a-8b6c-5d4e3f2a1b0c';
    const ingressCallback = `${journey.stack.ingress.origin}${journey.stack.ingress.ingressPath}/auth/callback`;
    journey.stack.microsoft.registerApp({ clientId, secrets: [{ value: 'x~'.repeat(20), id: '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }], redirectUris: [ingressCallback] });
    const authorize = new URL(`${journey.stack.microsoft.origin}/common/oauth2/v2.0/authorize`);
    authorize.search = new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: ingressCallback, scope: 'openid User.Read', state: 'cross-site' }).toString();
    await page.goto(authorize.href);
    await page.getByRole('button', { name: /adele@contoso\.onmicrosoft\.com/ }).click();
    const [arrival] = await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(ingressCallback)),
      page.getByRole('button', { name: 'Accept', exact: true }).click(),
    ]);
    assert.equal(arrival.status(), 401, 'a form on Microsoft’s site redirecting to the ingress URL arrives without the cookie');
    const typed = await page.goto(arrival.url());
    assert.notEqual(typed?.status(), 401, 'the same address typed in (a same-site navigation) carries the cookie');
  });
});
