import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Ms365Domain } from '../../../server/ms365/domains.js';
import { entryPermissions } from '../../../server/ms365/entry-permissions.js';

// ms365-integrations.md §2.3, one row per option combination; User.Read and offline_access always.
const CASES: Array<[string, Ms365Domain, Record<string, unknown>, string[]]> = [
  ['calendar default', 'ms365_calendar', {}, ['Calendars.Read']],
  ['calendar update', 'ms365_calendar', { enable_update: true }, ['Calendars.ReadWrite']],
  ['calendar basic', 'ms365_calendar', { basic_calendar: true }, ['Calendars.ReadBasic']],
  ['calendar shared', 'ms365_calendar', { shared_mailbox: 'team@contoso.com' }, ['Calendars.Read.Shared']],
  ['calendar shared update', 'ms365_calendar', { shared_mailbox: 'team@contoso.com', enable_update: true }, ['Calendars.ReadWrite.Shared']],
  ['calendar groups', 'ms365_calendar', { groups: true }, ['Calendars.Read', 'Group.Read.All']],
  ['calendar groups update', 'ms365_calendar', { groups: true, enable_update: true }, ['Calendars.ReadWrite', 'Group.ReadWrite.All']],
  ['calendar empty shared box', 'ms365_calendar', { shared_mailbox: '  ' }, ['Calendars.Read']],
  ['mail default', 'ms365_mail', {}, ['Mail.Read']],
  ['mail send', 'ms365_mail', { enable_update: true }, ['Mail.Read', 'Mail.Send']],
  ['mail shared send', 'ms365_mail', { enable_update: true, shared_mailbox: 'x@y.z' }, ['Mail.Read.Shared', 'Mail.Send.Shared']],
  ['mail autoreply', 'ms365_mail', { enable_autoreply: true }, ['Mail.Read', 'MailboxSettings.ReadWrite']],
  ['todo', 'ms365_todo', {}, ['Tasks.Read']],
  ['todo update', 'ms365_todo', { enable_update: true }, ['Tasks.ReadWrite']],
  ['teams defaults', 'ms365_teams', {}, ['Chat.Read', 'Presence.Read']],
  ['teams update both', 'ms365_teams', { chat_enable: 'Update', status_enable: 'Update' }, ['Chat.ReadWrite', 'Presence.ReadWrite']],
  ['teams chat off', 'ms365_teams', { chat_enable: 'Disabled' }, ['Presence.Read']],
  ['teams alternate email', 'ms365_teams', { alternate_email: 'boss@contoso.com' }, ['Chat.Read', 'Presence.Read', 'Presence.Read.All', 'User.ReadBasic.All']],
  ['contacts', 'ms365_contacts', {}, ['Contacts.Read']],
  ['contacts shared', 'ms365_contacts', { shared_mailbox: 'x@y.z' }, ['Contacts.Read.Shared']],
];

describe('entryPermissions', () => {
  for (const [label, domain, data, expected] of CASES) {
    it(`asks what the integration asks: ${label}`, () => {
      assert.deepEqual(entryPermissions(domain, data).scopes, ['User.Read', 'offline_access', ...expected], label);
    });
  }

  it('reports combinations the config flow refuses', () => {
    const { problems } = entryPermissions('ms365_calendar', { basic_calendar: true, shared_mailbox: 'x@y.z' });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.text, /basic calendar/);
  });
});
