// Runs both sign-in methods, refusals and the token API with known values, then greps every
// captured log line (at trace level) for each of them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLIENT_SECRET, SECRET_ID, startCoreStack } from '../helpers/core-stack.js';
import { leakedSecrets } from '../helpers/service.js';

type Json = Record<string, any>;

describe('logs', () => {
  it('never contain a secret, code, verifier, state, pasted URL, consumer key or token', async (t) => {
    const stack = await startCoreStack(t);
    stack.emulator.setAccessTokenLifetime(200); // so the token API refreshes and logs that path too
    const seeds: string[] = [CLIENT_SECRET];
    const rejected = await stack.service.ui('/api/app-registrations', {
      method: 'POST',
      json: { display_name: 'x', client_id: SECRET_ID, client_secret: SECRET_ID },
    });
    assert.equal(rejected.status, 400);

    const paste = await stack.createApp();
    const started = await stack.startSignIn(paste.id);
    const landed = await stack.landOn(started.authorize_url);
    const pasted = `  "${landed}#"  `;
    assert.equal((await stack.paste(`https://evil.example.com/x?code=${encodeURIComponent('evil-code-123456')}`)).status, 400);
    const result = (await (await stack.paste(pasted)).json()) as Json;
    seeds.push(landed, pasted.trim(), new URL(landed).searchParams.get('code')!, started.state, 'evil-code-123456');
    seeds.push(stack.emulator.stats.lastTokenRequest!.form.code_verifier!);

    const redirect = await stack.createApp({ redirect_method: 'internet_redirect', redirect_uri: stack.callbackUri, display_name: 'r' });
    const second = await stack.startSignIn(redirect.id);
    const callback = new URL(await stack.landOn(second.authorize_url));
    assert.equal((await fetch(`${stack.service.uiUrl}${callback.pathname}${callback.search}`)).status, 200);
    seeds.push(callback.searchParams.get('code')!, second.state, stack.emulator.stats.lastTokenRequest!.form.code_verifier!);

    const consumer = (await (
      await stack.service.ui('/api/consumers', { method: 'POST', json: { name: 'n', account_ids: [result.account.id] } })
    ).json()) as Json;
    seeds.push(consumer.key);
    for (let i = 0; i < 2; i += 1) {
      const token = (await (
        await stack.service.api('/v1/token', { method: 'POST', key: consumer.key, json: { account_id: result.account.id } })
      ).json()) as Json;
      seeds.push(token.access_token);
    }
    const read = (await (
      await stack.service.api(`/v1/accounts/${result.account.id}/token?force_refresh=true`, { key: consumer.key })
    ).json()) as Json;
    seeds.push(read.access_token);
    seeds.push(stack.emulator.stats.lastTokenRequest!.form.refresh_token!);
    await stack.service.api('/v1/token', { method: 'POST', key: `${consumer.key}x`, json: { account_id: result.account.id } });
    await stack.service.api(`/v1/accounts/${result.account.id}/token?scope=${consumer.key}`, { key: `${consumer.key}y` });
    await stack.service.api(`/v1/accounts/${result.account.id}/token?scope=${consumer.key}`, { key: consumer.key });

    assert.ok(stack.service.logs.length > 10, 'the log captured the run');
    assert.ok(seeds.every((seed) => typeof seed === 'string' && seed.length >= 6), 'every seed is a real value');
    assert.deepEqual(leakedSecrets(stack.service.logs, seeds), []);
  });
});
