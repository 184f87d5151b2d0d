// Cross-site request forgery: a page on another site can make a browser send "simple" requests
// (form posts, fetch without preflight: text/plain, form encodings, or no body) to the UI listener.
// Changing routes take only JSON, or no body and no Content-Type (the panel's plain actions), and
// refuse what the browser marks as coming from another site (Sec-Fetch-Site).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rawRequest } from '../helpers/raw-http.js';
import { startTestService, type TestService } from '../helpers/service.js';

type Json = Record<string, any>;

async function consumers(service: TestService): Promise<string[]> {
  return (((await (await service.ui('/api/consumers')).json()) as Json).consumers as Json[]).map((consumer) => consumer.name as string);
}

describe('changes on the UI listener', () => {
  it('accept JSON bodies only, and refuse text/plain and form encodings even without a body', async (t) => {
    const service = await startTestService({});
    t.after(() => service.close());
    const ui = service.uiUrl;
    const post = (target: string, headers: Record<string, string>, body?: string) => rawRequest(ui, { method: 'POST', target, headers, ...(body !== undefined ? { body } : {}) });
    const body = JSON.stringify({ name: 'forged' });
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json-seq', 'application/merge-patch+json']) {
      const answer = await post('/api/consumers', { 'content-type': type }, body);
      assert.equal(answer.status, 415, type);
      assert.equal((JSON.parse(answer.body) as Json).error.code, 'unsupported_media_type');
    }
    assert.equal((await post('/api/consumers', {}, body)).status, 415, 'a body without Content-Type');
    // Body-less actions as a cross-site form or fetch would send them.
    for (const target of ['/api/home-assistant/restart', '/api/sign-ins', '/api/accounts/any/capabilities']) {
      assert.equal((await post(target, { 'content-type': 'text/plain' })).status, 415, target);
      assert.equal((await post(target, { 'content-type': 'application/x-www-form-urlencoded' }, '')).status, 415, target);
    }
    assert.deepEqual(await consumers(service), []);

    // What the panel sends: JSON, or a plain action with neither body nor Content-Type.
    assert.equal((await post('/api/consumers', { 'content-type': 'application/json; charset=utf-8' }, body)).status, 201);
    const [created] = ((await (await service.ui('/api/consumers')).json()) as Json).consumers as Json[];
    assert.equal((await rawRequest(ui, { method: 'DELETE', target: `/api/consumers/${created!.id}` })).status, 204);
    assert.notEqual((await post('/api/accounts/any/capabilities', {})).status, 415, 'a body-less action passes this check');
  });

  it('refuse changes a browser marks as cross-site or same-site, and let reads through', async (t) => {
    const service = await startTestService({});
    t.after(() => service.close());
    const ui = service.uiUrl;
    const body = JSON.stringify({ name: 'forged' });
    for (const site of ['cross-site', 'same-site', 'Cross-Site']) {
      for (const [method, target] of [['POST', '/api/consumers'], ['DELETE', '/api/consumers/any'], ['PATCH', '/api/app-registrations/any'], ['POST', '/api/home-assistant/restart']] as const) {
        const withBody = method === 'POST' && target === '/api/consumers';
        const answer = await rawRequest(ui, {
          method,
          target,
          headers: { 'sec-fetch-site': site, ...(withBody ? { 'content-type': 'application/json' } : {}) },
          ...(withBody ? { body } : {}),
        });
        assert.equal(answer.status, 403, `${site} ${method} ${target}`);
        assert.equal((JSON.parse(answer.body) as Json).error.code, 'cross_site_request');
      }
    }
    assert.deepEqual(await consumers(service), []);
    for (const site of ['same-origin', 'none']) {
      const answer = await rawRequest(ui, { method: 'POST', target: '/api/consumers', headers: { 'sec-fetch-site': site, 'content-type': 'application/json' }, body: JSON.stringify({ name: site }) });
      assert.equal(answer.status, 201, site);
    }
    assert.equal((await rawRequest(ui, { target: '/api/consumers', headers: { 'sec-fetch-site': 'cross-site' } })).status, 200, 'reads are not changes');
    assert.deepEqual((await consumers(service)).sort(), ['none', 'same-origin']);
  });
});
