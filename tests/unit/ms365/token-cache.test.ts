import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../../server/errors/app-error.js';
import { exportForIntegration, serializeForIntegration, type ExportInput } from '../../../server/ms365/token-cache-export.js';
import { importFromIntegration, MSAL_NODE_CACHE_ENVIRONMENT } from '../../../server/ms365/token-cache-import.js';
import { integrationTarget } from '../../../server/ms365/token-cache.js';
import { inspectTokenFile } from '../../../server/ms365/token-file-inspect.js';

const HOME = '4f1c9d2a-7e3b-4a68-b5c2-9d8e7f6a5b43.3b8c0f6e-2d4a-4c1e-9f7b-5a6d8e2c1b47';
const CLIENT = '7a3e1c55-0b2d-4f8e-9a61-2c4d5e6f7a80';
const TID = '3b8c0f6e-2d4a-4c1e-9f7b-5a6d8e2c1b47';
const claims = Buffer.from(JSON.stringify({ tid: TID, name: 'Adèle Vance', oid: '4f1c9d2a-7e3b-4a68-b5c2-9d8e7f6a5b43' })).toString('base64url');

/**
 * What msal-node serializes after a sign-in (entra §1.8): its alias, the user's tid as realm, unsorted
 * bare scopes, and extended_expires_on as expires_on + ext_expires_in (3600 + 3600 here).
 */
function nodeCache(target = 'Calendars.ReadWrite User.Read openid profile email'): string {
  return JSON.stringify({
    Account: { [`${HOME}-login.windows.net-${TID}`]: { home_account_id: HOME, environment: 'login.windows.net', realm: TID, local_account_id: '4f1c9d2a-7e3b-4a68-b5c2-9d8e7f6a5b43', username: 'adele@contoso.onmicrosoft.com', authority_type: 'MSSTS', name: 'Adèle Vance', tenantProfiles: [] } },
    IdToken: { [`${HOME}-login.windows.net-idtoken-${CLIENT}-${TID}--`]: { home_account_id: HOME, environment: 'login.windows.net', credential_type: 'IdToken', client_id: CLIENT, secret: `h.${claims}.`, realm: TID } },
    AccessToken: {
      old: { home_account_id: HOME, environment: 'login.windows.net', credential_type: 'AccessToken', client_id: CLIENT, secret: 'at-old', realm: TID, target, cached_at: '1000', expires_on: '4000', extended_expires_on: '7600', token_type: 'Bearer' },
      new: { home_account_id: HOME, environment: 'login.windows.net', credential_type: 'AccessToken', client_id: CLIENT, secret: 'at-new', realm: TID, target, cached_at: '2000', expires_on: '5600', extended_expires_on: '9200', token_type: 'Bearer' },
    },
    RefreshToken: { [`${HOME}-login.windows.net-refreshtoken-${CLIENT}---`]: { home_account_id: HOME, environment: 'login.windows.net', credential_type: 'RefreshToken', client_id: CLIENT, secret: 'rt-secret' } },
    AppMetadata: {},
  });
}

const input = (overrides: Partial<ExportInput> = {}): ExportInput => ({
  nodeCache: nodeCache(), homeAccountId: HOME, clientId: CLIENT, cloud: 'global', realm: 'common', refreshTokenIssuedAt: 2000, fallbackScopes: [], ...overrides,
});

describe('exportForIntegration', () => {
  it('writes MSAL for Python’s shape: five sections, its keys, MSSTS, the login host, the entry’s realm, string epochs, prefixed sorted target', () => {
    const out = exportForIntegration(input({ accountSource: 'authorization_code' }));
    const target = 'email https://graph.microsoft.com/Calendars.ReadWrite https://graph.microsoft.com/User.Read openid profile';
    assert.deepEqual(out, {
      AccessToken: {
        [`${HOME}-login.microsoftonline.com-accesstoken-${CLIENT}-common-${target.toLowerCase()}`]: {
          credential_type: 'AccessToken', secret: 'at-new', home_account_id: HOME, environment: 'login.microsoftonline.com', client_id: CLIENT,
          target, realm: 'common', token_type: 'Bearer', cached_at: '2000', expires_on: '5600', extended_expires_on: '5600',
        },
      },
      Account: {
        [`${HOME}-login.microsoftonline.com-common`]: {
          home_account_id: HOME, environment: 'login.microsoftonline.com', realm: 'common', local_account_id: '4f1c9d2a-7e3b-4a68-b5c2-9d8e7f6a5b43',
          username: 'adele@contoso.onmicrosoft.com', authority_type: 'MSSTS', account_source: 'authorization_code',
        },
      },
      IdToken: {
        [`${HOME}-login.microsoftonline.com-idtoken-${CLIENT}-common-`]: { credential_type: 'IdToken', secret: `h.${claims}.`, home_account_id: HOME, environment: 'login.microsoftonline.com', realm: 'common', client_id: CLIENT },
      },
      RefreshToken: {
        [`${HOME}-login.microsoftonline.com-refreshtoken-${CLIENT}--${target.toLowerCase()}`]: {
          credential_type: 'RefreshToken', secret: 'rt-secret', home_account_id: HOME, environment: 'login.microsoftonline.com', client_id: CLIENT, target, last_modification_time: '2000',
        },
      },
      AppMetadata: { [`appmetadata-login.microsoftonline.com-${CLIENT}`]: { client_id: CLIENT, environment: 'login.microsoftonline.com' } },
    });
  });

  it('writes extended_expires_on as MSAL for Python does: cached_at + ext_expires_in, not msal-node’s expires_on + ext_expires_in', () => {
    const entry = (extended: string | undefined) => {
      const cache = JSON.parse(nodeCache()) as { AccessToken: Record<string, Record<string, string>> };
      for (const at of Object.values(cache.AccessToken)) {
        if (extended === undefined) delete at.extended_expires_on;
        else if (at.secret === 'at-new') at.extended_expires_on = extended;
      }
      return Object.values(exportForIntegration(input({ nodeCache: JSON.stringify(cache) })).AccessToken)[0] as Record<string, string>;
    };
    // ext_expires_in 86 400 (a resilience window longer than the token): Python says now + 86 400.
    assert.equal(entry(String(5600 + 86_400)).extended_expires_on, String(2000 + 86_400));
    // Python's default when Microsoft sends no ext_expires_in: ext_expires_in = expires_in.
    assert.equal(entry(undefined).extended_expires_on, '5600');
  });

  it('uses each cloud’s login host and Graph prefix', () => {
    for (const [cloud, login, graph] of [['china', 'login.partner.microsoftonline.cn', 'microsoftgraph.chinacloudapi.cn'], ['usgov', 'login.microsoftonline.us', 'graph.microsoft.us']] as const) {
      const out = exportForIntegration(input({ cloud, realm: TID }));
      const account = Object.values(out.Account)[0]!;
      assert.equal(account.environment, login);
      assert.equal(account.realm, TID);
      assert.match(String(Object.values(out.RefreshToken)[0]!.target), new RegExp(`https://${graph.replace(/\./g, '\\.')}/User\\.Read`));
    }
  });

  it('escapes non-ASCII as json.dumps does, and stays JSON', () => {
    const text = serializeForIntegration({ AccessToken: {}, Account: { a: { username: 'adèle@exämple.com' } }, IdToken: {}, RefreshToken: {}, AppMetadata: {} });
    assert.ok(text.includes('ad\\u00e8le@ex\\u00e4mple.com'));
    assert.equal((JSON.parse(text) as { Account: { a: { username: string } } }).Account.a.username, 'adèle@exämple.com');
    assert.ok(text.startsWith('{\n    "AccessToken"'), 'indent=4');
  });

  it('refuses a cache without a refresh token for the client', () => {
    assert.throws(() => exportForIntegration(input({ clientId: '00000000-0000-0000-0000-000000000000' })), (error: unknown) => error instanceof AppError && error.code === 'ms365_token_file_unusable');
  });
});

describe('integrationTarget', () => {
  it('prefixes bare Graph names, keeps OIDC scopes bare and other resources as they are, sorts like Python, drops duplicates', () => {
    assert.equal(
      integrationTarget(['profile', 'Mail.Read', 'https://graph.microsoft.com/Mail.Read', 'OpenID', 'api://other/x', 'User.Read'], 'global'),
      'api://other/x https://graph.microsoft.com/Mail.Read https://graph.microsoft.com/User.Read openid profile',
    );
  });
});

describe('inspectTokenFile', () => {
  const written = serializeForIntegration(exportForIntegration(input()));

  it('reads a good file as the integration does', () => {
    const facts = inspectTokenFile(written, 'global');
    assert.equal(facts.state, 'ok');
    assert.equal(facts.username, 'adele@contoso.onmicrosoft.com');
    assert.equal(facts.clientId, CLIENT);
    assert.deepEqual(facts.grantedScopes, ['email', 'Calendars.ReadWrite', 'User.Read', 'openid', 'profile']);
    assert.equal(facts.refreshTokenWrittenAt, 2000);
    assert.equal(facts.accessTokenExpiresOn, 5600);
  });

  it('names the integrations’ failure states', () => {
    assert.equal(inspectTokenFile('', 'global').state, 'empty');
    assert.equal(inspectTokenFile('{}', 'global').state, 'empty');
    assert.equal(inspectTokenFile('{"AccessToken": {', 'global').state, 'corrupted');
    assert.equal(inspectTokenFile('[1]', 'global').state, 'corrupted');
    assert.equal(inspectTokenFile('{"access_token": "x", "refresh_token": "y"}', 'global').state, 'outdated');
    const noTarget = JSON.parse(written) as Record<string, Record<string, Record<string, unknown>>>;
    for (const section of ['AccessToken', 'RefreshToken']) for (const entry of Object.values(noTarget[section]!)) delete entry.target;
    assert.equal(inspectTokenFile(JSON.stringify(noTarget), 'global').state, 'corrupted');
  });

  it('strips only the entry’s own cloud prefix (the integration compares names)', () => {
    const china = serializeForIntegration(exportForIntegration(input({ cloud: 'china' })));
    assert.ok(inspectTokenFile(china, 'china').grantedScopes?.includes('User.Read'));
    assert.ok(inspectTokenFile(china, 'global').grantedScopes?.includes('https://microsoftgraph.chinacloudapi.cn/User.Read'));
  });
});

describe('importFromIntegration', () => {
  it('gives msal-node its own shape of the file’s account and refresh token, and leaves the access token behind', () => {
    const file = serializeForIntegration(exportForIntegration(input()));
    const imported = importFromIntegration(file, { cloud: 'global', clientId: CLIENT });
    assert.equal(imported.homeAccountId, HOME);
    assert.equal(imported.tenantId, TID);
    assert.equal(imported.name, 'Adèle Vance');
    const cache = JSON.parse(imported.nodeCache) as Record<string, Record<string, Record<string, unknown>>>;
    assert.deepEqual(Object.keys(cache.RefreshToken!), [`${HOME}-login.windows.net-refreshtoken-${CLIENT}---`]);
    assert.deepEqual(Object.keys(cache.Account!), [`${HOME}-login.windows.net-${TID}`]);
    assert.deepEqual(Object.keys(cache.AccessToken!), []);
    assert.equal(Object.values(cache.IdToken!)[0]!.realm, TID);
  });

  it('uses msal-node’s cache host for each cloud', () => {
    assert.deepEqual(MSAL_NODE_CACHE_ENVIRONMENT, { global: 'login.windows.net', china: 'login.partner.microsoftonline.cn', usgov: 'login.microsoftonline.us' });
  });

  it('refuses a file whose refresh token belongs to another client', () => {
    const file = serializeForIntegration(exportForIntegration(input()));
    assert.throws(() => importFromIntegration(file, { cloud: 'global', clientId: '00000000-0000-0000-0000-000000000000' }), /refresh token/);
  });
});
