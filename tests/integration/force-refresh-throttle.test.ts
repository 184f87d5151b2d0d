// force_refresh is a consumer's to ask, not to abuse: at most one real redemption of the refresh
// token per account and scope set within FORCE_REFRESH_WINDOW_MS; the other forced requests in that
// window get the token just redeemed. Counted at the Microsoft emulator's token endpoint, with the
// test's clock (frozen between its moves, so the window's edge is exact) moved instead of waiting.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FORCE_REFRESH_WINDOW_MS } from '../../server/broker/token-broker.js';
import { startConsumerStack, type ConsumerStack } from '../helpers/consumer-stack.js';

type Json = Record<string, any>;

const refreshes = (stack: ConsumerStack) => stack.emulator.stats.tokenRequests.refresh_token ?? 0;

describe('force_refresh throttle', () => {
  it('redeems once per account and scope set in the window, answering the others with the fresh token', async (t) => {
    const stack = await startConsumerStack(t, { frozenClock: true });
    const first = await stack.createConsumer({ name: 'first', account_ids: [stack.accountId] });
    const second = await stack.createConsumer({ name: 'second', account_ids: [stack.accountId] });
    const force = async (key: string, scopes = ['Mail.Read']) => {
      const answer = await stack.token(key, { account_id: stack.accountId, scopes, force_refresh: true });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body.access_token as string;
    };
    const read = async (key: string) => {
      const response = await stack.service.api(`/v1/accounts/${stack.accountId}/token?scopes=Mail.Read&force_refresh=true`, { key });
      assert.equal(response.status, 200);
      return ((await response.json()) as Json).access_token as string;
    };
    const calls = refreshes(stack);
    const fresh = await force(first.key);
    assert.equal(refreshes(stack), calls + 1, 'the first force_refresh redeems');
    for (let round = 0; round < 5; round += 1) {
      assert.ok(await force(first.key) === fresh, 'the same key again');
      assert.ok(await force(second.key) === fresh, 'whichever key asks');
      assert.ok(await read(first.key) === fresh, 'however it asks');
    }
    assert.ok(await force(first.key, ['mail.read', 'https://graph.microsoft.com/Mail.Read']) === fresh, 'the same scope set spelt otherwise');
    assert.equal(refreshes(stack), calls + 1, 'no other redemption inside the window');

    const other = await force(first.key, ['Calendars.Read']);
    assert.notEqual(other, fresh);
    assert.equal(refreshes(stack), calls + 2, 'another scope set has its own window');

    stack.clock.advance(FORCE_REFRESH_WINDOW_MS - 1);
    assert.ok(await force(first.key) === fresh, 'still inside the window');
    stack.clock.advance(1);
    const next = await force(first.key);
    assert.notEqual(next, fresh, 'past the window a forced refresh redeems again');
    assert.equal(refreshes(stack), calls + 3);
  });

  it('counts any redemption, so a forced request right after a refreshing plain one is answered from it', async (t) => {
    // Tokens live 200 s, inside msal's and the broker's 300 s renewal margin: every plain request redeems.
    const stack = await startConsumerStack(t, { tokenLifetimeS: 200, frozenClock: true });
    const { key } = await stack.createConsumer({ name: 'script', account_ids: [stack.accountId] });
    const calls = refreshes(stack);
    const plain = await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'] });
    assert.equal(refreshes(stack), calls + 1);
    const forced = await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'], force_refresh: true });
    assert.ok(forced.body.access_token === plain.body.access_token, 'the token the plain request just got');
    assert.equal(refreshes(stack), calls + 1);
  });

  it('leaves the add-on’s own scheduled refreshes alone', async (t) => {
    const stack = await startConsumerStack(t);
    const { key } = await stack.createConsumer({ name: 'script', account_ids: [stack.accountId] });
    const calls = refreshes(stack);
    await stack.token(key, { account_id: stack.accountId, scopes: ['Mail.Read'], force_refresh: true });
    await stack.services.broker.getToken(stack.accountId, ['Mail.Read'], { forceRefresh: true, background: true });
    assert.equal(refreshes(stack), calls + 2);
  });
});
