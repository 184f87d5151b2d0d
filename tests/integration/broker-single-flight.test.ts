// One refresh however many ask at once, tokens from memory while they are good, and the rotated
// cache on disk before anyone sees the new token.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfidentialClientApplication } from '@azure/msal-node';
import { TokenBroker } from '../../server/broker/token-broker.js';
import type { MsalFactory } from '../../server/oauth/msal-factory.js';
import { Store } from '../../server/store/store.js';
import { startConsumerStack, type ConsumerStack } from '../helpers/consumer-stack.js';
import { leakedSecrets } from '../helpers/service.js';

const refreshes = (stack: ConsumerStack) => stack.emulator.stats.tokenRequests.refresh_token ?? 0;

/** The service's msal factory, counting every acquireTokenSilent: proof the single-flight is ours, not msal's. */
function countingMsal(inner: MsalFactory): { msal: MsalFactory; silentCalls: () => number } {
  let calls = 0;
  const msal: MsalFactory = {
    create: (app, plugin, observe) => {
      const client: ConfidentialClientApplication = inner.create(app, plugin, observe);
      const original = client.acquireTokenSilent.bind(client);
      client.acquireTokenSilent = (request) => {
        calls += 1;
        return original(request);
      };
      return client;
    },
    browserUrl: inner.browserUrl,
  };
  return { msal, silentCalls: () => calls };
}

describe('token broker single-flight', () => {
  it('answers 1000 concurrent API requests for an expired token with exactly one call to the token endpoint', async (t) => {
    // Signed in with 200-second tokens: inside msal's 300 s renewal margin, so the stored token counts as expired.
    // fetch opens a connection per request here, beyond the listener's default cap of 512 (its own test).
    const stack = await startConsumerStack(t, { tokenLifetimeS: 200, settings: { listenerLimits: { maxConnections: 2_000 } } });
    stack.emulator.setAccessTokenLifetime(3599);
    const { key } = await stack.createConsumer({ name: 'burst', account_ids: [stack.accountId], rate_limit_per_minute: 100_000 });
    const before = refreshes(stack);
    const answers = await Promise.all(
      Array.from({ length: 1000 }, () => stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'] })),
    );
    assert.deepEqual([...new Set(answers.map((answer) => answer.status))], [200]);
    assert.equal(new Set(answers.map((answer) => answer.body.access_token)).size, 1, 'everyone got the one refreshed token');
    assert.equal(refreshes(stack) - before, 1, 'exactly one refresh_token grant');
    assert.deepEqual(leakedSecrets(stack.service.logs, [key, answers[0]!.body.access_token]), []);
  });

  it('shares one msal call among 1000 concurrent broker callers, and serves later ones without msal or the store', async (t) => {
    const stack = await startConsumerStack(t, { tokenLifetimeS: 200 });
    stack.emulator.setAccessTokenLifetime(3599);
    const { services } = stack;
    const counting = countingMsal(services.msal);
    const broker = new TokenBroker({ store: services.store, msal: counting.msal, log: services.log, now: services.now });
    const before = refreshes(stack);
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => broker.getToken(stack.accountId, ['Mail.Read'])));
    assert.equal(counting.silentCalls(), 1, 'one acquireTokenSilent for 1000 callers');
    assert.equal(refreshes(stack) - before, 1);
    assert.equal(new Set(tokens.map((token) => token.accessToken)).size, 1);

    const storeBefore = services.store.data;
    const again = await Promise.all(Array.from({ length: 100 }, () => broker.getToken(stack.accountId, ['mail.read'])));
    assert.ok(again.every((token) => token.accessToken === tokens[0]!.accessToken && token.fromCache));
    assert.equal(counting.silentCalls(), 1, 'a good token never reaches msal (nor, so, its cache plugin)');
    assert.equal(services.store.data, storeBefore, 'nor the store');
  });

  it('lets concurrent forced refreshes share one call, but never serves a forced caller a cached token', async (t) => {
    const stack = await startConsumerStack(t);
    const { services } = stack;
    const first = await services.broker.getToken(stack.accountId, ['Mail.Read']);
    const before = refreshes(stack);
    const forced = await Promise.all(Array.from({ length: 50 }, () => services.broker.getToken(stack.accountId, ['Mail.Read'], { forceRefresh: true })));
    assert.equal(refreshes(stack) - before, 1);
    assert.equal(new Set(forced.map((token) => token.accessToken)).size, 1);
    assert.notEqual(forced[0]!.accessToken, first.accessToken);
    const plain = await services.broker.getToken(stack.accountId, ['Mail.Read']);
    assert.equal(plain.accessToken, forced[0]!.accessToken, 'the forced refresh also refreshed the cache');
  });

  it('writes the rotated msal cache to disk before the new token is handed out', async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'check', account_ids: [stack.accountId] });
    const before = refreshes(stack);
    const answer = await stack.token(key, { account_id: stack.accountId, force_refresh: true });
    assert.equal(answer.status, 200);
    assert.equal(refreshes(stack) - before, 1);
    // Read the file as a restarted add-on would, right after the answer arrived.
    const onDisk = await Store.open(stack.service.dataDir);
    const account = onDisk.data.accounts.find((candidate) => candidate.id === stack.accountId);
    assert.ok(account?.msalCache.includes(answer.body.access_token), 'the token the consumer got is already in the stored cache');
    const refreshToken = stack.emulator.stats.lastTokenRequest?.form.refresh_token;
    assert.ok(refreshToken && !account!.msalCache.includes(refreshToken), 'and the refresh token it was redeemed with is already replaced');
    await onDisk.close();
  });
});
