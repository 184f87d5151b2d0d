// Hash routes and the API error shape the views render.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, toApiError } from '../../../web/src/api/client.js';
import { parseRoute } from '../../../web/src/router.js';

describe('parseRoute', () => {
  it('reads the view, a parameter and the query from the hash', () => {
    const route = parseRoute('#/sign-in?app=abc&account=def');
    assert.equal(route.name, 'sign-in');
    assert.equal(route.query.get('app'), 'abc');
    assert.equal(route.query.get('account'), 'def');
    assert.deepEqual({ ...parseRoute('#/guide/client_secret'), query: undefined }, { name: 'guide', param: 'client_secret', query: undefined });
  });

  it('treats an empty or unknown hash as no route', () => {
    assert.equal(parseRoute('').name, '');
    assert.equal(parseRoute('#/elsewhere').name, '');
  });
});

describe('ApiError', () => {
  it('carries the error contract, diagnosis included', () => {
    const error = new ApiError(400, {
      code: 'sign_in_failed',
      message: 'The client secret is wrong',
      fix: 'Create a new secret.',
      aadsts: 7000215,
      diagnosis: { class: 'configuration', title: 'The client secret is wrong', fix: 'Create a new secret.', step: 'client_secret', aadsts: 7000215 },
    });
    assert.equal(error.code, 'sign_in_failed');
    assert.equal(error.aadsts, 7000215);
    assert.equal(error.diagnosis?.step, 'client_secret');
  });

  it('ignores fields of the wrong type instead of trusting them', () => {
    const error = new ApiError(500, { code: 7, message: { html: '<b>' }, aadsts: '7000215', diagnosis: 'x' });
    assert.equal(error.code, 'unknown');
    assert.equal(error.aadsts, undefined);
    assert.equal(error.diagnosis, undefined);
    assert.equal(typeof error.message, 'string');
  });

  it('turns anything else (a network failure) into an error a person can act on', () => {
    const error = toApiError(new TypeError('Failed to fetch'));
    assert.equal(error.code, 'unreachable');
    assert.match(error.fix ?? '', /reload/);
  });
});
