// The MS365 integrations' permission rules: the exact delegated list for each choice, the combinations
// they refuse, the warnings, and the "is it granted" check they run on a token's scopes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  emptyPicks,
  isSatisfiedBy,
  isWorkOnlyScope,
  missingPermissions,
  needsAdminConsent,
  parseCustomScopes,
  planPermissions,
  type PermissionPicks,
} from '../../../shared/ms365-permissions.js';

type Overrides = { [K in keyof PermissionPicks]?: K extends 'custom' ? string[] : Partial<PermissionPicks[K]> };

function picks(overrides: Overrides): PermissionPicks {
  const base = emptyPicks();
  const result = { ...base, custom: overrides.custom ?? [] } as PermissionPicks;
  for (const key of ['calendar', 'mail', 'todo', 'teams', 'contacts'] as const) {
    (result as unknown as Record<string, unknown>)[key] = { ...base[key], ...(overrides[key] as object | undefined) };
  }
  return result;
}

const ids = (messages: Array<{ id: string }>) => messages.map((m) => m.id);

describe('planPermissions', () => {
  const cases: Array<[string, Overrides, string[]]> = [
    ['nothing picked', {}, []],
    ['calendar, default', { calendar: { enabled: true } }, ['Calendars.Read']],
    ['calendar with update', { calendar: { enabled: true, update: true } }, ['Calendars.ReadWrite']],
    ['calendar basic', { calendar: { enabled: true, basic: true } }, ['Calendars.ReadBasic']],
    ['calendar shared', { calendar: { enabled: true, shared: true } }, ['Calendars.Read.Shared']],
    ['calendar shared with update', { calendar: { enabled: true, shared: true, update: true } }, ['Calendars.ReadWrite.Shared']],
    ['calendar groups', { calendar: { enabled: true, groups: true } }, ['Calendars.Read', 'Group.Read.All']],
    ['calendar groups with update', { calendar: { enabled: true, groups: true, update: true } }, ['Calendars.ReadWrite', 'Group.ReadWrite.All']],
    ['mail, default', { mail: { enabled: true } }, ['Mail.Read']],
    ['mail send and autoreply', { mail: { enabled: true, send: true, autoreply: true } }, ['Mail.Read', 'Mail.Send', 'MailboxSettings.ReadWrite']],
    ['mail shared with send', { mail: { enabled: true, shared: true, send: true } }, ['Mail.Read.Shared', 'Mail.Send.Shared']],
    ['todo read', { todo: { enabled: true } }, ['Tasks.Read']],
    ['todo update', { todo: { enabled: true, update: true } }, ['Tasks.ReadWrite']],
    ['teams defaults (chat and status read)', { teams: { enabled: true } }, ['Chat.Read', 'Presence.Read']],
    ['teams update both', { teams: { enabled: true, chat: 'update', presence: 'update' } }, ['Chat.ReadWrite', 'Presence.ReadWrite']],
    ['teams chat off', { teams: { enabled: true, chat: 'off' } }, ['Presence.Read']],
    ['teams alternate email', { teams: { enabled: true, alternateEmail: true } }, ['Chat.Read', 'Presence.Read', 'Presence.Read.All', 'User.ReadBasic.All']],
    ['contacts', { contacts: { enabled: true } }, ['Contacts.Read']],
    ['contacts shared', { contacts: { enabled: true, shared: true } }, ['Contacts.Read.Shared']],
    ['custom names, prefixed and repeated', { custom: ['Files.Read https://graph.microsoft.com/Sites.Read.All, Files.Read'] }, ['Files.Read', 'Sites.Read.All']],
    ['options of a disabled integration are ignored', { calendar: { enabled: false, update: true } }, []],
  ];
  for (const [label, overrides, expected] of cases) {
    it(`asks for exactly the right permissions: ${label}`, () => {
      assert.deepEqual(planPermissions(picks(overrides)).scopes, ['User.Read', 'offline_access', ...expected], label);
    });
  }

  it('combines integrations without repeating a permission', () => {
    const plan = planPermissions(picks({ calendar: { enabled: true, update: true }, mail: { enabled: true }, teams: { enabled: true, alternateEmail: true }, custom: ['Presence.Read User.Read'] }));
    assert.equal(new Set(plan.scopes).size, plan.scopes.length);
    assert.deepEqual(plan.scopes.slice(0, 2), ['User.Read', 'offline_access']);
  });

  const refusals: Array<[string, Overrides, string]> = [
    ['basic with update', { calendar: { enabled: true, basic: true, update: true } }, 'calendar_basic_update'],
    ['basic with shared', { calendar: { enabled: true, basic: true, shared: true } }, 'calendar_basic_shared'],
    ['groups with shared', { calendar: { enabled: true, groups: true, shared: true } }, 'calendar_groups_shared'],
    ['alternate email with status update', { teams: { enabled: true, presence: 'update', alternateEmail: true } }, 'teams_alternate_needs_read'],
    ['alternate email with status off', { teams: { enabled: true, presence: 'off', alternateEmail: true } }, 'teams_alternate_needs_read'],
    ['an invalid custom name', { custom: ['Files.Read <b>'] }, 'custom_invalid'],
  ];
  for (const [label, overrides, id] of refusals) {
    it(`refuses what the integrations refuse: ${label}`, () => {
      assert.ok(ids(planPermissions(picks(overrides)).problems).includes(id), label);
    });
  }

  it('never asks for Calendars.ReadBasic.Shared, which does not exist', () => {
    assert.ok(!planPermissions(picks({ calendar: { enabled: true, basic: true, shared: true } })).scopes.includes('Calendars.ReadBasic.Shared'));
  });

  const warnings: Array<[string, Overrides, string]> = [
    ['Teams chat or presence and personal accounts', { teams: { enabled: true } }, 'teams_personal'],
    ['.Shared and personal accounts', { mail: { enabled: true, shared: true } }, 'shared_personal'],
    ['group calendars need admin consent', { calendar: { enabled: true, groups: true } }, 'groups_admin_consent'],
    ['a custom Group permission needs admin consent', { custom: ['Group.Read.All'] }, 'groups_admin_consent'],
    ['auto-reply on a shared mailbox', { mail: { enabled: true, shared: true, autoreply: true } }, 'autoreply_shared'],
  ];
  for (const [label, overrides, id] of warnings) {
    it(`warns: ${label}`, () => {
      assert.ok(ids(planPermissions(picks(overrides)).warnings).includes(id), label);
    });
  }

  it('warns once per kind, and not at all for plain personal-friendly choices', () => {
    const plan = planPermissions(picks({ calendar: { enabled: true, groups: true }, custom: ['Group.ReadWrite.All'] }));
    assert.equal(ids(plan.warnings).filter((id) => id === 'groups_admin_consent').length, 1);
    assert.deepEqual(planPermissions(picks({ calendar: { enabled: true }, todo: { enabled: true, update: true } })).warnings, []);
  });
});

describe('parseCustomScopes', () => {
  it('splits on spaces, commas and new lines and strips the Graph prefix', () => {
    assert.deepEqual(parseCustomScopes(' Files.Read,\nhttps://graph.microsoft.us/Sites.Read.All  '), { scopes: ['Files.Read', 'Sites.Read.All'], invalid: [] });
  });
  it('reports names that are not permission names', () => {
    assert.deepEqual(parseCustomScopes('Files.Read 9bad <x>').invalid, ['9bad', '<x>']);
  });
});

describe('isSatisfiedBy (the integrations’ granted check)', () => {
  const cases: Array<[string, string[], boolean]> = [
    ['Calendars.Read', ['Calendars.Read'], true],
    ['Calendars.Read', ['Calendars.ReadWrite'], true],
    ['Calendars.ReadBasic', ['Calendars.Read'], true],
    ['Calendars.ReadWrite', ['Calendars.Read'], false],
    ['Calendars.Read', ['Calendars.Read.Shared'], true],
    ['Calendars.Read', ['Calendars.ReadWrite.Shared'], true],
    ['Calendars.Read.Shared', ['Calendars.Read'], false],
    ['Mail.Send', ['Mail.Send.Shared'], true],
    ['Mail.Send', ['Mail.ReadWrite'], false],
    ['Tasks.Read', ['Tasks.Read.Shared'], false],
    ['Presence.Read', ['Presence.Read.All'], true],
    ['Presence.Read.All', ['Presence.Read'], false],
    ['Contacts.Read', ['https://graph.microsoft.com/Contacts.Read'], true],
    ['calendars.read', ['Calendars.Read'], false],
    ['Group.Read.All', ['Group.ReadWrite.All'], true],
  ];
  for (const [required, granted, expected] of cases) {
    it(`${required} ${expected ? 'is' : 'is not'} satisfied by ${granted.join(', ')}`, () => {
      assert.equal(isSatisfiedBy(required, granted), expected);
    });
  }

  it('lists what is missing, never the OpenID scopes', () => {
    assert.deepEqual(missingPermissions(['User.Read', 'offline_access', 'Mail.Read', 'Mail.Send'], ['User.Read', 'Mail.ReadWrite']), ['Mail.Send']);
  });
});

describe('scope facts', () => {
  it('knows which scopes personal accounts cannot have', () => {
    for (const scope of ['Chat.Read', 'Presence.ReadWrite', 'Calendars.Read.Shared', 'Group.Read.All']) assert.equal(isWorkOnlyScope(scope), true, scope);
    for (const scope of ['Calendars.ReadWrite', 'Mail.Send', 'Tasks.ReadWrite', 'Contacts.Read']) assert.equal(isWorkOnlyScope(scope), false, scope);
  });
  it('knows which scopes need admin consent', () => {
    assert.equal(needsAdminConsent('Group.ReadWrite.All'), true);
    assert.equal(needsAdminConsent('Calendars.ReadWrite'), false);
  });
});
