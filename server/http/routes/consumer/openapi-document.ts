// The consumer API described as OpenAPI 3.1, served at /openapi.json. Request bodies come from the
// same zod schemas the routes parse with, so the document cannot drift from what is accepted.
import * as z from 'zod';
import { ERROR_CODES } from '../../../errors/codes.js';
import { capabilityReport } from '../../contract/capabilities.js';
import { tokenRequestBody } from '../../contract/consumer-api.js';

const jsonSchema = (schema: z.ZodType): Record<string, unknown> => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return rest;
};

const errorResponse = (description: string, codes: Array<keyof typeof ERROR_CODES>, headers?: Record<string, unknown>) => ({
  description: `${description} Codes: ${codes.map((code) => `\`${code}\``).join(', ')}.`,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before asking again.', schema: { type: 'integer', minimum: 1 } } };

const COMMON_ERRORS = {
  '401': errorResponse('Missing, wrong or revoked key.', ['unauthorized']),
  '429': errorResponse('Too many requests for this key, or (without a valid key) from this address.', ['rate_limited', 'unauthenticated_rate_limited'], RETRY_AFTER),
};

const TOKEN_ERRORS = {
  '403': errorResponse('The key may not use this account or these permissions; `allowed_scopes` lists what it may ask for.', ['account_forbidden', 'scope_forbidden']),
  '404': errorResponse('No such account.', ['account_not_found']),
  '409': errorResponse('A person must act first; `diagnosis` says what happened and how to fix it. scope_not_granted with aadsts 65001: Microsoft says the user never consented a permission asked for; only this request is refused.', ['needs_sign_in', 'scope_not_granted', 'configuration_problem']),
  '503': errorResponse('No fresh token right now (Microsoft is unreachable or asked to wait).', ['token_unavailable'], RETRY_AFTER),
};

const TOKEN_DESCRIPTION = 'Served from memory while it is valid for more than 5 minutes; otherwise refreshed (one refresh at a time per account and scope set). '
  + 'Microsoft puts every permission the user consented to into one token, so `scopes` says what the token really carries, and a key limited to some '
  + 'permissions gets a token only for an account whose granted scopes its list covers (checked on every request); otherwise it uses the Graph route. '
  + 'Scopes are Microsoft Graph permissions, bare (Mail.Read) or behind the account cloud’s Graph prefix. '
  + '`force_refresh` redeems the refresh token at most once per account and scope set every 30 seconds; within that time the token just redeemed is returned.';

const TOKEN_RESPONSES = (invalid: string) => ({
  '200': { description: 'A token. Never cache it past `expires_at`.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Token' } } } },
  '400': errorResponse(invalid, ['validation_failed']),
  ...COMMON_ERRORS,
  ...TOKEN_ERRORS,
  '403': errorResponse(
    'The key may not use this account or these permissions (allowed_scopes lists what it may ask for), or it is limited and the token would carry more '
      + 'than its list (beyond_key names those; graph_route is where to call Graph instead).',
    ['account_forbidden', 'scope_forbidden', 'raw_token_forbidden'],
  ),
});

export function buildOpenApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Microsoft 365 sign-in add-on: consumer API',
      version,
      description: 'Short-lived Microsoft access tokens, and Microsoft Graph without tokens, for other Home Assistant add-ons. '
        + 'Every route under /v1 needs `Authorization: Bearer <key>`; keys are made in the add-on’s Consumers page.',
    },
    servers: [{ url: '/' }],
    security: [{ consumerKey: [] }],
    paths: {
      '/health': { get: { summary: 'Liveness', security: [], responses: { '200': { description: 'The service runs.' } } } },
      '/openapi.json': { get: { summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.1 document.' } } } },
      '/v1/accounts': {
        get: {
          summary: 'The accounts this key may use',
          responses: {
            '200': { description: 'Accounts.', content: { 'application/json': { schema: { type: 'object', properties: { accounts: { type: 'array', items: { $ref: '#/components/schemas/Account' } } } } } } },
            ...COMMON_ERRORS,
          },
        },
      },
      '/v1/accounts/{account_id}/token': {
        get: {
          summary: 'An access token for an account (the read to use)',
          description: `${TOKEN_DESCRIPTION} Example: \`GET /v1/accounts/{id}/token?scopes=Mail.Read\`.`,
          parameters: [
            { name: 'account_id', in: 'path', required: true, schema: { type: 'string', maxLength: 100 } },
            {
              name: 'scopes',
              in: 'query',
              required: false,
              description: 'Permissions the token is for, separated by spaces or commas (or the parameter repeated); at most 50. '
                + 'Without it: what the account was granted, within what the key may ask for.',
              schema: { type: 'string' },
            },
            { name: 'force_refresh', in: 'query', required: false, description: 'Redeem the refresh token even if a cached token is still good.', schema: { type: 'string', enum: ['true', 'false'] } },
          ],
          responses: TOKEN_RESPONSES('The query is not valid (an unknown parameter is refused, so a misspelt one is not silently ignored).'),
        },
      },
      '/v1/token': {
        post: {
          summary: 'An access token for an account',
          description: `${TOKEN_DESCRIPTION} The same as the GET read, for clients that prefer a body.`,
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(tokenRequestBody) } } },
          responses: TOKEN_RESPONSES('The body is not valid.'),
        },
      },
      '/v1/accounts/{account_id}/capabilities': {
        get: {
          summary: 'Check what works: one small Graph read per feature, in plain words',
          description: 'Reads the profile, calendars, mail folders, To Do lists, contacts, Teams presence and chats (those the account’s permissions, '
            + 'and this key’s permission limit, cover) in one Microsoft Graph $batch, and says for each: works (with a count), missing_permission '
            + '(which one, and the Entra step), not_available, not_shared or refused (with a diagnosis). Only counts: no content is returned or kept.',
          parameters: [{ name: 'account_id', in: 'path', required: true, schema: { type: 'string', maxLength: 100 } }],
          responses: {
            '200': { description: 'What works.', content: { 'application/json': { schema: jsonSchema(capabilityReport) } } },
            ...COMMON_ERRORS,
            '403': errorResponse('The key may not use this account.', ['account_forbidden']),
            '404': errorResponse('No such account.', ['account_not_found']),
            '409': errorResponse('A person must act first.', ['needs_sign_in', 'scope_not_granted', 'configuration_problem']),
            '503': errorResponse('No fresh token right now.', ['token_unavailable'], RETRY_AFTER),
          },
        },
      },
      '/v1/accounts/{account_id}/graph/{graph_path}': graphPathItem(),
    },
    components: {
      securitySchemes: { consumerKey: { type: 'http', scheme: 'bearer', description: 'The consumer key (m365_…).' } },
      schemas: SCHEMAS,
    },
  };
}

function graphPathItem(): Record<string, unknown> {
  const operation = (method: string) => ({
    summary: `${method} on Microsoft Graph as the account`,
    description: 'Forwarded to the account’s cloud Graph host with a token: method, query, headers (except hop-by-hop and authentication ones) '
      + 'and body stream through, and Graph’s status, headers and body stream back. A key limited to some permissions may call only Graph paths whose '
      + 'permission it holds. Example: `GET /v1/accounts/{id}/graph/v1.0/me/messages?$top=5`.',
    parameters: [
      { name: 'account_id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'graph_path', in: 'path', required: true, description: 'Starts with `v1.0/` or `beta/`; may contain slashes.', schema: { type: 'string' } },
    ],
    ...(method === 'GET' || method === 'DELETE' ? {} : { requestBody: { required: false, content: { '*/*': { schema: {} } } } }),
    responses: {
      default: { description: 'Microsoft Graph’s own answer, passed through.' },
      '400': errorResponse('The Graph path is not valid.', ['validation_failed']),
      '413': errorResponse('The body is larger than 250 MB.', ['payload_too_large']),
      '502': errorResponse('Microsoft Graph could not be reached.', ['graph_unreachable']),
      ...COMMON_ERRORS,
      ...TOKEN_ERRORS,
    },
  });
  return { get: operation('GET'), post: operation('POST'), put: operation('PUT'), patch: operation('PATCH'), delete: operation('DELETE') };
}

const SCHEMAS = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', enum: Object.keys(ERROR_CODES) },
          message: { type: 'string' },
          fix: { type: 'string' },
          aadsts: { type: 'integer' },
          field: { type: 'string' },
          allowed_scopes: { type: 'array', items: { type: 'string' } },
          beyond_key: { type: 'array', items: { type: 'string' }, description: 'raw_token_forbidden: what the token would carry beyond the key’s list.' },
          graph_route: { type: 'string', description: 'raw_token_forbidden: the Graph pass-through route for this account.' },
          diagnosis: {
            type: 'object',
            properties: {
              class: { type: 'string', enum: ['configuration', 'sign_in_again', 'transient'] },
              title: { type: 'string' },
              fix: { type: 'string' },
              aadsts: { type: 'integer' },
            },
          },
        },
      },
    },
  },
  Account: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      username: { type: 'string' },
      display_name: { type: ['string', 'null'] },
      cloud: { type: 'string', enum: ['global', 'china', 'usgov'] },
      tenant_id: { type: 'string' },
      status: { type: 'string', enum: ['ok', 'needs_sign_in'] },
      granted_scopes: { type: 'array', items: { type: 'string' } },
    },
  },
  Token: {
    type: 'object',
    required: ['access_token', 'token_type', 'expires_at', 'expires_in', 'scopes'],
    properties: {
      access_token: { type: 'string' },
      token_type: { type: 'string', const: 'Bearer' },
      expires_at: { type: 'string', format: 'date-time' },
      expires_in: { type: 'integer' },
      scopes: { type: 'array', items: { type: 'string' } },
    },
  },
};
