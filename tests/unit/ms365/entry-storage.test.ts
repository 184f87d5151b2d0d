import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { AppError } from '../../../server/errors/app-error.js';
import { parseConfigEntries, readMs365Entries } from '../../../server/ms365/entry-storage.js';

const storage = (entries: unknown[]) => JSON.stringify({ version: 1, minor_version: 5, key: 'core.config_entries', data: { entries } });
const ms365 = (domain: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  entry_id: `id-${domain}`, domain, title: String(data.entity_name ?? ''), data, options: {}, disabled_by: null, version: 2, source: 'user', ...extra,
});

const isCode = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

describe('parseConfigEntries', () => {
  it('keeps the MS365 entries only, with cloud, tenant and options, and the secret apart from the data', () => {
    const entries = parseConfigEntries(storage([
      ms365('ms365_calendar', { entity_name: 'work', client_id: ' 7A3E1C55-0B2D-4F8E-9A61-2C4D5E6F7A80 ', client_secret: 's3cr~t', api_options: { country: 'Default', tenant_id: '' }, enable_update: true }),
      ms365('ms365_mail', { entity_name: 'cn', client_id: 'x', client_secret: 'y', api_options: { country: '21Vianet (China)', tenant_id: ' contoso.partner.onmschina.cn ' } }),
      ms365('ms365_teams', { entity_name: 'gov', client_id: 'x', client_secret: 'y', api_options: { country: 'MS365 GCC' } }),
      ms365('ms365_todo', { entity_name: 'old' }),
      ms365('ms365_contacts', { entity_name: 'mars', api_options: { country: 'Mars' } }),
      ms365('hue', { host: '10.0.0.2' }),
      { entry_id: 42 },
    ]));
    assert.deepEqual(entries.map((e) => [e.domain, e.cloud, e.tenant]), [
      ['ms365_calendar', 'global', 'common'],
      ['ms365_mail', 'china', 'contoso.partner.onmschina.cn'],
      ['ms365_teams', 'usgov', 'common'],
      ['ms365_todo', 'global', 'common'],
      ['ms365_contacts', null, 'common'],
    ]);
    const [calendar] = entries;
    assert.equal(calendar!.clientId, '7A3E1C55-0B2D-4F8E-9A61-2C4D5E6F7A80');
    assert.equal(calendar!.clientSecret, 's3cr~t');
    assert.equal(calendar!.data.enable_update, true);
    assert.ok(!JSON.stringify(calendar!.data).includes('s3cr~t'), 'the secret is not in the data shown around');
    assert.equal(entries[3]!.clientId, null);
  });

  it('refuses what is not HA’s config-entry store', () => {
    assert.throws(() => parseConfigEntries('{"key": "core.config_entries", "data": '), isCode('ha_storage_unreadable'));
    assert.throws(() => parseConfigEntries('{"key": "core.device_registry", "data": {"entries": []}}'), isCode('ha_storage_unreadable'));
  });
});

describe('readMs365Entries', () => {
  it('needs HA’s config folder', async () => {
    await assert.rejects(readMs365Entries(undefined), isCode('ha_config_folder_unset'));
  });

  it('says the storage is unreadable when the file is missing, and reads it when it is there', async (t) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ha-config-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    await assert.rejects(readMs365Entries(dir), isCode('ha_storage_unreadable'));
    mkdirSync(path.join(dir, '.storage'));
    writeFileSync(path.join(dir, '.storage', 'core.config_entries'), storage([ms365('ms365_todo', { entity_name: 'a' })]));
    assert.equal((await readMs365Entries(dir)).length, 1);
  });
});
