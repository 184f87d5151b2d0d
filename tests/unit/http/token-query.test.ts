// The token read's query: every documented spelling of a scope list gives the same list, and every
// mistake a person makes gets a 400 that names it instead of silently falling back to defaults.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZodError } from 'zod';
import { toAppError } from '../../../server/http/plugins/error-handler.js';
import { TokenQueries } from '../../../server/http/routes/consumer/token-queries.js';

const queries = new TokenQueries();
const tokenQueryOf = (url: string) => queries.of(url);

const refusal = (url: string) => {
  try {
    tokenQueryOf(url);
  } catch (error) {
    assert.ok(error instanceof ZodError, `${url} throws a validation error`);
    const app = toAppError(error)!;
    assert.equal(app.status, 400);
    return app.message;
  }
  assert.fail(`${url} was accepted`);
};

describe('token read query', () => {
  it('reads scopes separated by spaces, plus signs, commas or repeated parameters', () => {
    const both = ['Mail.Read', 'Calendars.Read'];
    for (const query of [
      'scopes=Mail.Read%20Calendars.Read',
      'scopes=Mail.Read+Calendars.Read',
      'scopes=Mail.Read,Calendars.Read',
      'scopes=Mail.Read,%20Calendars.Read',
      'scopes=Mail.Read&scopes=Calendars.Read',
    ]) {
      assert.deepEqual(tokenQueryOf(`/v1/accounts/a/token?${query}`).scopes, both, query);
    }
    assert.deepEqual(tokenQueryOf('/v1/accounts/a/token').scopes, undefined, 'no scopes: the defaults');
    assert.deepEqual(tokenQueryOf('/v1/accounts/a/token?').scopes, undefined);
    assert.equal(tokenQueryOf('/v1/accounts/a/token?force_refresh=true').forceRefresh, true);
    assert.equal(tokenQueryOf('/v1/accounts/a/token?force_refresh=false').forceRefresh, false);
    assert.equal(tokenQueryOf('/v1/accounts/a/token?scopes=Mail.Read').forceRefresh, false);
  });

  it('refuses misspelt parameters, empty or oversized lists and bad flags, saying what to do', () => {
    assert.match(refusal('/v1/accounts/a/token?scope=Mail.Read'), /Unknown query parameter scope.*scopes and force_refresh/);
    assert.match(refusal('/v1/accounts/a/token?scopes=Mail.Read&__proto__=x'), /Unknown query parameter __proto__/);
    const pastedKey = `m365_${'k'.repeat(43)}`;
    const echoed = refusal(`/v1/accounts/a/token?${pastedKey}`);
    assert.match(echoed, /Unknown query parameter \(not shown\)/);
    assert.ok(!echoed.includes(pastedKey), 'a key pasted into the query is not echoed');
    assert.match(refusal(`/v1/accounts/a/token?scope=x&${pastedKey}=1`), /Unknown query parameter scope and others:/);
    assert.match(refusal('/v1/accounts/a/token?scopes='), /at least one permission/);
    assert.match(refusal('/v1/accounts/a/token?scopes=,,'), /at least one permission/);
    assert.match(refusal('/v1/accounts/a/token?force_refresh=yes'), /force_refresh: Use true or false/);
    assert.match(refusal('/v1/accounts/a/token?force_refresh=true&force_refresh=true'), /force_refresh/);
    assert.match(refusal(`/v1/accounts/a/token?scopes=${Array.from({ length: 51 }, (_, i) => `S${i}.Read`).join(',')}`), /scopes/);
    assert.match(refusal(`/v1/accounts/a/token?scopes=${'x'.repeat(201)}`), /scopes/);
  });

  it('hands out frozen answers, so a remembered query cannot be changed by a caller', () => {
    const query = tokenQueryOf('/v1/accounts/a/token?scopes=Mail.Read');
    assert.ok(Object.isFrozen(query) && Object.isFrozen(query.scopes));
    assert.equal(tokenQueryOf('/v1/accounts/a/token?scopes=Mail.Read'), query, 'the same query string is parsed once');
  });
});
