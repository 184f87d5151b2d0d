import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLIENT_SECRET, startCoreStack } from '../helpers/core-stack.js';
import { leakedSecrets } from '../helpers/service.js';

type Json = Record<string, any>;

/** The callback as the browser reaches it: same query, on the service's own listener. */
function onService(stackUiUrl: string, landed: string): string {
  const url = new URL(landed);
  return `${stackUiUrl}${url.pathname}${url.search}`;
}

describe('internet-redirect sign-in', () => {
  it('completes through the callback with no pasting, and a refresh shows success again', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp({ redirect_method: 'internet_redirect', redirect_uri: stack.callbackUri });
    const started = await stack.startSignIn(app.id);
    assert.equal(started.redirect_uri, stack.callbackUri);
    const poll = async () => (await (await stack.service.ui(`/api/sign-ins/${started.state}`)).json()) as Json;
    assert.equal((await poll()).status, 'pending');
    const landed = await stack.landOn(started.authorize_url);
    assert.ok(landed.startsWith(stack.callbackUri), 'Microsoft redirects to the registered callback');
    const page = await fetch(onService(stack.service.uiUrl, landed));
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.match(html, /Signed in/);
    assert.match(html, /adele@contoso\.onmicrosoft\.com/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const refreshed = await fetch(onService(stack.service.uiUrl, landed));
    assert.equal(refreshed.status, 200);
    assert.match(await refreshed.text(), /Signed in/);
    assert.equal(stack.emulator.stats.tokenRequests.authorization_code, 1, 'a refresh never redeems the code again');
    const status = await poll();
    assert.equal(status.status, 'completed', 'the panel sees the sign-in finish by itself');
    assert.equal(status.result.account.username, 'adele@contoso.onmicrosoft.com');
    assert.deepEqual(leakedSecrets(stack.service.logs, [CLIENT_SECRET, new URL(landed).searchParams.get('code')!, started.state]), []);
  });

  it('uses the public URL setting when the app registration names no redirect URI', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp({ redirect_method: 'internet_redirect' });
    const refused = await stack.service.ui('/api/sign-ins', { method: 'POST', json: { app_registration_id: app.id } });
    const body = (await refused.json()) as Json;
    assert.equal(refused.status, 400, 'without a public URL there is nowhere to redirect to');
    assert.equal(body.error.field, 'redirect_uri');
    assert.match(body.error.fix, /paste-back/);
  });

  it('shows Microsoft’s error as a diagnosis with its text escaped', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp({ redirect_method: 'internet_redirect', redirect_uri: stack.callbackUri });
    const started = await stack.startSignIn(app.id);
    const query = new URLSearchParams({
      error: 'invalid_request',
      error_description: 'AADSTS9999999: <img src=x onerror=alert(1)> something odd\r\nTrace ID: 1',
      state: started.state,
    });
    const page = await fetch(`${stack.service.uiUrl}/auth/callback?${query}`);
    const html = await page.text();
    assert.equal(page.status, 400);
    assert.equal(html.includes('<img'), false, 'markup from Microsoft is never rendered');
    assert.match(html, /Sign-in did not finish/);
    const status = (await (await stack.service.ui(`/api/sign-ins/${started.state}`)).json()) as Json;
    assert.equal(status.status, 'failed');
    assert.equal(status.error.diagnosis.microsoft_message.includes('Trace ID'), false);
  });

  it('refuses a callback for an unknown state and one without a code', async (t) => {
    const stack = await startCoreStack(t);
    const unknown = await fetch(`${stack.service.uiUrl}/auth/callback?code=abc&state=forged`);
    assert.equal(unknown.status, 400);
    assert.match(await unknown.text(), /no sign-in started here/);
    const noCode = await fetch(`${stack.service.uiUrl}/auth/callback?state=forged`);
    assert.equal(noCode.status, 400);
    assert.match(await noCode.text(), /no sign-in code/);
    assert.equal(stack.emulator.stats.tokenRequests.authorization_code ?? 0, 0);
  });

  it('answers in its own words: no pasting, no blank page, and a link back to the add-on', async (t) => {
    const stack = await startCoreStack(t);
    for (const query of ['code=abc&state=forged', 'state=forged', 'error=access_denied&error_description=AADSTS65004%3A+declined&state=forged']) {
      const html = await (await fetch(`${stack.service.uiUrl}/auth/callback?${query}`)).text();
      const text = html.replace(/<[^>]+>/g, ' ');
      assert.doesNotMatch(text, /\bpast(e|ed|ing)\b|blank page|address bar/i, `${query}: ${text}`);
      assert.match(html, /<a href="\.\.\/#\/sign-in">Go back to the add-on<\/a>/, query);
    }
  });
});
