import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HaConfigEntry } from '../../../server/ha/config-entries.js';
import type { Ms365EntryConfig } from '../../../server/ms365/entry-storage.js';
import { assessEntry, type EntryFacts } from '../../../server/ms365/entry-health.js';
import { unusableFile, type TokenFileFacts } from '../../../server/ms365/token-file-inspect.js';

const NOW = new Date('2026-09-01T12:00:00Z');
const DAY = 86_400;
const nowS = NOW.getTime() / 1000;

const config: Ms365EntryConfig = {
  entryId: 'E1', domain: 'ms365_calendar', title: 'work', disabledBy: null, version: 2, entityName: 'work',
  clientId: '7a3e1c55-0b2d-4f8e-9a61-2c4d5e6f7a80', clientSecret: 'Kq8~secret', country: 'Default', cloud: 'global', tenant: 'common',
  data: { entity_name: 'work', enable_update: true },
};

const goodFile = (overrides: Partial<TokenFileFacts> = {}): TokenFileFacts => ({
  state: 'ok', reason: null, username: 'adele@contoso.onmicrosoft.com', homeAccountId: 'h.t', clientId: config.clientId, environment: 'login.microsoftonline.com',
  hasRefreshToken: true, grantedScopes: ['Calendars.ReadWrite', 'User.Read', 'openid'], refreshTokenWrittenAt: nowS - 3 * DAY, lastRefreshAt: nowS - 3 * DAY, accessTokenExpiresOn: nowS + 600,
  ...overrides,
});

const view = (facts: Partial<EntryFacts> = {}) =>
  assessEntry({ config, ha: null, file: { relativePath: 'ms365_storage/.MS365-token-cache/ms365_calendar_work.token', facts: goodFile() }, usableProblem: null, link: undefined, now: NOW, ...facts });
const withFile = (overrides: Partial<TokenFileFacts>) => view({ file: { relativePath: 'x', facts: goodFile(overrides) } });

describe('assessEntry', () => {
  it('is healthy with a good file: permissions, 90-day window, never the secret', () => {
    const v = view();
    assert.equal(v.health, 'ok');
    assert.deepEqual(v.notes, []);
    assert.deepEqual(v.permissions.needed, ['User.Read', 'offline_access', 'Calendars.ReadWrite']);
    assert.deepEqual(v.permissions.missing, []);
    assert.equal(v.tokenFile.refreshTokenAgeDays, 3);
    assert.equal(v.tokenFile.refreshTokenDaysLeft, 87);
    assert.equal(v.tokenFile.clientIdMatches, true);
    assert.ok(!JSON.stringify(v).includes('Kq8~secret'));
  });

  it('asks for a sign-in when permissions are missing, the file is broken or belongs to another app', () => {
    assert.deepEqual(withFile({ grantedScopes: ['Calendars.Read', 'User.Read'] }).permissions.missing, ['Calendars.ReadWrite']);
    assert.equal(withFile({ grantedScopes: ['Calendars.Read', 'User.Read'] }).health, 'needs_sign_in');
    assert.equal(view({ file: { relativePath: 'x', facts: unusableFile('missing') } }).health, 'needs_sign_in');
    assert.equal(withFile({ clientId: '00000000-0000-0000-0000-000000000000' }).health, 'needs_sign_in');
    assert.equal(withFile({ refreshTokenWrittenAt: nowS - 91 * DAY }).health, 'needs_sign_in');
  });

  it('warns when fewer than 14 days are left, or HA reports a setup error', () => {
    const expiring = withFile({ refreshTokenWrittenAt: nowS - 80 * DAY });
    assert.equal(expiring.health, 'attention');
    assert.equal(expiring.tokenFile.refreshTokenDaysLeft, 10);
    const ha: HaConfigEntry = { entryId: 'E1', domain: 'ms365_calendar', title: 'work', state: 'setup_error', disabledBy: null, reason: null };
    assert.equal(view({ ha }).health, 'attention');
    assert.equal(view({ ha }).ha.state, 'setup_error');
  });

  it('marks entries the add-on cannot use, still showing their file', () => {
    const v = view({ usableProblem: 'the entry’s client secret is a Secret ID, not the secret’s Value' });
    assert.equal(v.health, 'not_usable');
    assert.equal(v.unusableReason, 'the entry’s client secret is a Secret ID, not the secret’s Value');
    assert.match(v.notes[0]!, /leaves this entry alone/);
    assert.equal(v.tokenFile.state, 'ok');
  });
});
