// What a paste into a sign-in that can no longer be finished says (issue 12, items 1–3): a failed
// one says it failed (never "completed with another address"), an expired one that it expired, a
// cut-off address that it is incomplete; and the sign-in names the page it really lands on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startCoreStack } from '../helpers/core-stack.js';

type Json = Record<string, any>;
const errorOf = async (response: Response) => ((await response.json()) as Json).error as Json;

describe('a sign-in that failed, expired or was cut off', () => {
  it('a declined sign-in followed again and pasted says it already failed', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp();
    const started = await stack.startSignIn(app.id);
    assert.equal((await stack.paste(await stack.landOn(started.authorize_url, { consent: 'cancel' }))).status, 400);
    // The same link again, this time accepted: the code is never redeemed.
    const landed = await stack.landOn(started.authorize_url);
    const response = await stack.paste(landed);
    assert.equal(response.status, 409);
    const error = await errorOf(response);
    assert.equal(error.code, 'sign_in_already_failed');
    assert.match(error.message, /already failed/);
    assert.doesNotMatch(error.message, /completed/);
    assert.equal(stack.emulator.stats.tokenRequests.authorization_code, 0);
    const status = (await (await stack.service.ui(`/api/sign-ins/${encodeURIComponent(started.state)}`)).json()) as Json;
    assert.equal(status.status, 'failed');
  });

  it('a sign-in whose code Microsoft refused says it failed when another code is pasted', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp({ client_secret: 'wrong~secret.value_0123456789' });
    const started = await stack.startSignIn(app.id);
    const first = await stack.landOn(started.authorize_url);
    assert.equal((await stack.paste(first)).status, 400);
    const second = await stack.landOn(started.authorize_url);
    assert.equal((await errorOf(await stack.paste(second))).code, 'sign_in_already_failed');
  });

  it('reports an expired sign-in as expired, on the service clock, before and at the paste', async (t) => {
    let now = new Date('2026-11-28T10:00:00Z');
    const stack = await startCoreStack(t, { now: () => now });
    const app = await stack.createApp();
    const started = await stack.startSignIn(app.id);
    const landed = await stack.landOn(started.authorize_url);
    const statusOf = async () => ((await (await stack.service.ui(`/api/sign-ins/${encodeURIComponent(started.state)}`)).json()) as Json).status;
    assert.equal(await statusOf(), 'pending');
    now = new Date(now.getTime() + 11 * 60 * 1000);
    assert.equal(await statusOf(), 'expired');
    const response = await stack.paste(landed);
    assert.equal(response.status, 410);
    assert.equal((await errorOf(response)).code, 'sign_in_expired');
  });

  it('calls a cut-off address incomplete and says how to copy all of it', async (t) => {
    const stack = await startCoreStack(t);
    const app = await stack.createApp();
    const started = await stack.startSignIn(app.id);
    const landed = new URL(await stack.landOn(started.authorize_url));
    const code = landed.searchParams.get('code')!;
    // What a phone's address bar shows of it: the start, up to where it was cut.
    const cases = [
      `${landed.origin}${landed.pathname}?code=${code.slice(0, 60)}`,
      `${landed.origin}${landed.pathname}?code=${code}&client_info=eyJ1aWQiOiIx`,
      `${landed.origin}${landed.pathname}?code=${code.slice(0, 12)}&state=${started.state}`,
    ];
    for (const pasted of cases) {
      const response = await stack.paste(pasted);
      assert.equal(response.status, 400, pasted);
      const error = await errorOf(response);
      assert.equal(error.code, 'paste_incomplete', pasted);
      assert.match(error.message, /cut off/);
      assert.match(error.fix, /Copy the whole address/);
      assert.match(error.fix, /Select all/);
    }
    assert.equal(stack.emulator.stats.tokenRequests.authorization_code, 0);
    assert.equal((await stack.paste(landed.href)).status, 200, 'the whole address still finishes it');
    // A cut-off address of a finished sign-in: the sign-in's own state wins, copying again would not help.
    landed.searchParams.set('code', 'short');
    assert.equal((await errorOf(await stack.paste(landed.href))).code, 'sign_in_already_used');
  });

  it('names the page the sign-in lands on: the cloud’s nativeclient, or the emulator playing it', async (t) => {
    const stack = await startCoreStack(t);
    const china = await stack.createApp({ cloud: 'china' });
    const started = (await stack.startSignIn(china.id)) as Json;
    assert.equal(started.redirect_uri, 'https://login.partner.microsoftonline.cn/common/oauth2/nativeclient');
    assert.equal(started.landing_uri, `${stack.emulator.origin}/common/oauth2/nativeclient`);
    const landed = new URL(await stack.landOn(started.authorize_url));
    assert.equal(`${landed.origin}${landed.pathname}`, started.landing_uri);
    // A paste from another page names the landing page, not Global's address.
    const wrong = await errorOf(await stack.paste(`https://login.microsoftonline.com/wrong/path${landed.search}`));
    assert.equal(wrong.code, 'paste_wrong_page');
    assert.ok(wrong.message.includes(`${stack.emulator.origin}/common/oauth2/nativeclient?code=`), wrong.message);
  });
});
