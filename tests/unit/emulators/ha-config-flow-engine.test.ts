// The emulated Core's MS365 config-flow forms, checked against what HA really serialises
// (voluptuous_serialize + cv.custom_serializer; see ms365-flow-schemas.ts for the sources).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { integrationConflicts, reconfigureSchema, requestedPermissions, userSchema, validateStep } from '../../emulators/home-assistant/ms365-flow-schemas.js';
import { supportsReconfigure } from '../../emulators/home-assistant/ms365-config-flows.js';

describe('the emulated MS365 config-flow engine', () => {
  it('serialises the Calendar user step as HA does, with api_options as a collapsed expandable section', () => {
    const schema = userSchema('ms365_calendar');
    assert.deepEqual(schema[0], { type: 'string', strip: true, name: 'entity_name', required: true });
    assert.deepEqual(schema[3], { type: 'boolean', name: 'alt_auth_method', required: false, optional: true, default: false });
    assert.deepEqual(schema[4], {
      type: 'expandable',
      schema: [
        { type: 'select', options: [['Default', 'Default'], ['21Vianet (China)', '21Vianet (China)'], ['MS365 GCC', 'MS365 GCC']], name: 'country', required: true, default: 'Default' },
        { type: 'string', strip: true, name: 'tenant_id', required: false, optional: true, default: '' },
      ],
      expanded: false,
      name: 'api_options',
      required: true,
    });
    assert.deepEqual(schema.slice(5).map((f) => f.name), ['enable_update', 'basic_calendar', 'groups', 'shared_mailbox']);
  });

  it('gives Teams its select options and the reconfigure form the stored values, secret included', () => {
    const teams = userSchema('ms365_teams');
    assert.deepEqual(teams[5], { type: 'select', options: [['Disabled', 'Disabled'], ['Read', 'Read'], ['Update', 'Update']], name: 'chat_enable', required: true, default: 'Read' });
    const again = reconfigureSchema('ms365_mail', { client_id: 'id', client_secret: 's3cret', alt_auth_method: false, api_options: { country: 'Default', tenant_id: '' }, enable_update: true, enable_autoreply: false, shared_mailbox: 'x@y' });
    assert.equal(again.some((f) => f.name === 'entity_name'), false);
    assert.equal(again[1]?.default, 's3cret');
    assert.deepEqual(again.find((f) => f.name === 'shared_mailbox')?.description, { suggested_value: 'x@y' });
  });

  it('refuses what HA refuses: unknown keys, a missing section, wrong types; fills defaults', () => {
    const schema = userSchema('ms365_todo');
    const base = { entity_name: ' w ', client_id: 'c', client_secret: 's' };
    assert.deepEqual(validateStep(schema, base), { ok: false, errors: { api_options: 'required key not provided' } });
    assert.equal(validateStep(schema, { ...base, api_options: {}, nope: 1 }).ok, false);
    const ok = validateStep(schema, { ...base, api_options: {} });
    assert.deepEqual(ok, { ok: true, value: { entity_name: 'w', client_id: 'c', client_secret: 's', alt_auth_method: false, api_options: { country: 'Default', tenant_id: '' }, enable_update: false } });
    assert.equal(validateStep(schema, { ...base, api_options: { country: 'Mars' } }).ok, false);
  });

  it('knows each integration’s conflicts and permissions', () => {
    assert.deepEqual(integrationConflicts('ms365_calendar', { basic_calendar: true, shared_mailbox: 'a@b' }), { basic_calendar: 'cannot_have_basic_shared' });
    assert.deepEqual(integrationConflicts('ms365_teams', { alternate_email: 'a@b', status_enable: 'Update' }), { status_enable: 'status_enable_should_be_read' });
    assert.deepEqual(requestedPermissions('ms365_calendar', { enable_update: true, groups: true }), ['User.Read', 'Calendars.ReadWrite', 'Group.ReadWrite.All']);
    assert.deepEqual(requestedPermissions('ms365_teams', { chat_enable: 'Read', status_enable: 'Read', alternate_email: 'a@b' }), ['User.Read', 'Presence.Read', 'Presence.Read.All', 'User.ReadBasic.All', 'Chat.Read']);
  });

  it('starts reconfigure flows over REST from Core 2024.4 on', () => {
    assert.equal(supportsReconfigure('2024.3.3'), false);
    assert.equal(supportsReconfigure('2024.4.0'), true);
    assert.equal(supportsReconfigure('2026.8.1'), true);
  });
});
