// The consumer API's OpenAPI document: served without a key, OpenAPI 3.1, and in step with the
// routes the listener really has and the error codes the service really uses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { buildConsumerApp } from '../../server/http/consumer-app.js';
import { consumerApiRoutes } from '../../server/http/routes/consumer/index.js';
import { ERROR_CODES } from '../../server/errors/codes.js';
import { startConsumerStack } from '../helpers/consumer-stack.js';

type Json = Record<string, any>;

describe('OpenAPI document', () => {
  it('is served without a key and describes every route of the consumer listener', async (t) => {
    const stack = await startConsumerStack(t);
    const response = await stack.service.api('/openapi.json');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    const doc = (await response.json()) as Json;
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.components.securitySchemes.consumerKey.scheme, 'bearer');

    // Every route the API module registers is documented...
    const routes = new Set<string>();
    const probe = Fastify();
    probe.addHook('onRoute', (route) => void routes.add(route.url));
    await consumerApiRoutes(probe, stack.services);
    await probe.ready();
    await probe.close();
    const documented = Object.keys(doc.paths).map((path) => path.replace('{account_id}', ':id').replace('{graph_path}', '*'));
    for (const route of routes) assert.ok(documented.includes(route), `${route} is documented`);
    // ...and every documented path is served by the real listener.
    const app = await buildConsumerApp(stack.services);
    await app.ready();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      const url = path.replace('{account_id}', ':id').replace('{graph_path}', '*');
      for (const method of Object.keys(item)) assert.ok(app.hasRoute({ method: method.toUpperCase() as 'GET', url }), `${method} ${path} exists`);
    }
    await app.close();
  });

  it('takes the token request schema from the route’s own validation, and names only real error codes', async (t) => {
    const stack = await startConsumerStack(t);
    const doc = (await (await stack.service.api('/openapi.json')).json()) as Json;
    const schema = doc.paths['/v1/token'].post.requestBody.content['application/json'].schema;
    assert.deepEqual(schema.required, ['account_id']);
    assert.equal(schema.properties.scopes.maxItems, 50);
    const read = doc.paths['/v1/accounts/{account_id}/token'].get;
    assert.deepEqual(read.parameters.map((parameter: Json) => `${parameter.in}:${parameter.name}`), ['path:account_id', 'query:scopes', 'query:force_refresh']);
    assert.deepEqual(Object.keys(read.responses).sort(), Object.keys(doc.paths['/v1/token'].post.responses).sort(), 'both ways of asking answer alike');
    assert.deepEqual(doc.components.schemas.Error.properties.error.properties.code.enum.sort(), Object.keys(ERROR_CODES).sort());
    const mentioned = [...JSON.stringify(doc).matchAll(/`([a-z_]+)`/g)].map((match) => match[1]!);
    for (const code of mentioned.filter((word) => word.includes('_') && !word.startsWith('expires'))) {
      if (['force_refresh', 'allowed_scopes', 'account_id', 'graph_path'].includes(code)) continue;
      assert.ok(code in ERROR_CODES, `${code} is an error code`);
    }
  });
});
