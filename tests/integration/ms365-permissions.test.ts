// The integrations' permission rules (classes/permissions.py validate_authorization, as documented
// in ms365-integrations.md §2.3, ported in tests/python/ms365_reader.py) run against files the add-on
// writes: after real sign-ins for every integration, and for granted sets that exercise each rule.
// The add-on's own verdict (server/permissions via the entry view) must match the integration's.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Ms365SignInFinished } from '../../server/http/contract/ms365.js';
import type { Ms365Domain } from '../../server/ms365/domains.js';
import { entryPermissions } from '../../server/ms365/entry-permissions.js';
import { exportForIntegration, serializeForIntegration } from '../../server/ms365/token-cache-export.js';
import { inspectTokenFile } from '../../server/ms365/token-file-inspect.js';
import { missingPermissions } from '../../shared/ms365-permissions.js';
import { entryData, startMs365Stack } from '../helpers/ms365-stack.js';
import { runReader } from '../python/ms365-reader.js';

interface Verdict {
  result: string;
  failed: string[];
}

const ENTRIES: Array<{ domain: Ms365Domain; entity: string; options: Record<string, unknown> }> = [
  { domain: 'ms365_calendar', entity: 'cal', options: { enable_update: true, groups: true } },
  { domain: 'ms365_mail', entity: 'mail', options: { enable_update: true, enable_autoreply: true } },
  { domain: 'ms365_todo', entity: 'todo', options: { enable_update: false } },
  { domain: 'ms365_teams', entity: 'teams', options: { chat_enable: 'Update', status_enable: 'Read', alternate_email: 'boss@contoso.com' } },
  { domain: 'ms365_contacts', entity: 'people', options: { shared_mailbox: 'shared@contoso.com' } },
];

describe('the integrations’ permission rules on files the add-on writes', () => {
  it('accept the file of every integration after a sign-in asking for the entry’s permissions', async (t) => {
    const stack = await startMs365Stack(t);
    for (const spec of ENTRIES) {
      const entry = stack.addEntry({ domain: spec.domain, data: entryData({ entity: spec.entity, options: spec.options }) });
      const response = await stack.signInByPaste(entry.entry_id);
      const body = (await response.json()) as Ms365SignInFinished;
      assert.equal(response.status, 200, `${spec.domain}: ${JSON.stringify(body)}`);
      const verdict = await runReader<Verdict>('check-permissions', {
        cacheFile: stack.tokenFile(spec.domain, spec.entity),
        required: entryPermissions(spec.domain, entry.data).scopes,
      });
      assert.deepEqual(verdict, { ...verdict, result: 'ok', failed: [] }, spec.domain);
      assert.deepEqual(body.entry.permissions.missing, [], spec.domain);
    }
  });

  // Granted sets chosen to hit each rule: the same name, a higher operation, .Shared, Presence .All, and misses.
  const CASES: Array<{ label: string; domain: Ms365Domain; options: Record<string, unknown>; granted: string[]; missing: string[] }> = [
    { label: 'ReadWrite satisfies Read', domain: 'ms365_calendar', options: {}, granted: ['User.Read', 'Calendars.ReadWrite'], missing: [] },
    { label: 'Read satisfies ReadBasic', domain: 'ms365_calendar', options: { basic_calendar: true }, granted: ['User.Read', 'Calendars.Read'], missing: [] },
    { label: 'ReadBasic does not satisfy Read', domain: 'ms365_calendar', options: {}, granted: ['User.Read', 'Calendars.ReadBasic'], missing: ['Calendars.Read'] },
    { label: 'Read.Shared satisfies Read (Calendars)', domain: 'ms365_calendar', options: {}, granted: ['User.Read', 'Calendars.Read.Shared'], missing: [] },
    { label: 'Read does not satisfy Read.Shared', domain: 'ms365_calendar', options: { shared_mailbox: 'x@contoso.com' }, granted: ['User.Read', 'Calendars.Read'], missing: ['Calendars.Read.Shared'] },
    { label: 'ReadWrite.Shared satisfies Read.Shared', domain: 'ms365_calendar', options: { shared_mailbox: 'x@contoso.com' }, granted: ['User.Read', 'Calendars.ReadWrite.Shared'], missing: [] },
    { label: 'Send.Shared satisfies Send (Mail)', domain: 'ms365_mail', options: { enable_update: true }, granted: ['User.Read', 'Mail.Read', 'Mail.Send.Shared'], missing: [] },
    { label: 'autoreply needs MailboxSettings.ReadWrite', domain: 'ms365_mail', options: { enable_autoreply: true }, granted: ['User.Read', 'Mail.ReadWrite', 'MailboxSettings.Read'], missing: ['MailboxSettings.ReadWrite'] },
    { label: 'Read.Shared satisfies Read (Contacts)', domain: 'ms365_contacts', options: {}, granted: ['User.Read', 'Contacts.Read.Shared'], missing: [] },
    { label: 'Presence.Read.All satisfies Presence.Read', domain: 'ms365_teams', options: { chat_enable: 'Disabled' }, granted: ['User.Read', 'Presence.Read.All'], missing: [] },
    { label: 'Presence.ReadWrite.All satisfies Presence.Read', domain: 'ms365_teams', options: { chat_enable: 'Disabled' }, granted: ['User.Read', 'Presence.ReadWrite.All'], missing: [] },
    { label: 'Chat.Read does not satisfy Chat.ReadWrite', domain: 'ms365_teams', options: { chat_enable: 'Update' }, granted: ['User.Read', 'Chat.Read', 'Presence.Read'], missing: ['Chat.ReadWrite'] },
    { label: 'Tasks.ReadWrite satisfies Tasks.Read', domain: 'ms365_todo', options: {}, granted: ['User.Read', 'Tasks.ReadWrite'], missing: [] },
    { label: 'names are case-sensitive', domain: 'ms365_todo', options: {}, granted: ['User.Read', 'tasks.read'], missing: ['Tasks.Read'] },
    { label: 'User.Read is always needed', domain: 'ms365_todo', options: {}, granted: ['Tasks.Read'], missing: ['User.Read'] },
  ];

  for (const c of CASES) {
    it(`agree with the add-on’s check: ${c.label}`, async (t) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'ms365-perms-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      const file = path.join(dir, 'entry.token');
      writeFileSync(file, serializeForIntegration(exportForIntegration(exportInput(c.granted))));
      const required = entryPermissions(c.domain, c.options).scopes;
      const verdict = await runReader<Verdict>('check-permissions', { cacheFile: file, required });
      const facts = inspectTokenFile(readFileSync(file, 'utf8'), 'global');
      const ours = missingPermissions(required, facts.grantedScopes ?? []);
      assert.deepEqual(verdict.failed, c.missing, `${c.label}: the integration's verdict`);
      assert.deepEqual(ours, verdict.failed, `${c.label}: the add-on says ${ours.join(',') || 'nothing'} is missing, the integration ${verdict.failed.join(',') || 'nothing'}`);
    });
  }
});

/** An msal-node cache after a sign-in that was granted `granted` (bare names, as msal-node stores them). */
function exportInput(granted: string[]) {
  const home = '4f1c9d2a-7e3b-4a68-b5c2-9d8e7f6a5b43.3b8c0f6e-2d4a-4c1e-9f7b-5a6d8e2c1b47';
  const env = 'login.windows.net';
  const client = '7a3e1c55-0b2d-4f8e-9a61-2c4d5e6f7a80';
  const now = Math.floor(Date.now() / 1000);
  const target = [...granted, 'openid', 'profile', 'email'].join(' ');
  const cache = {
    Account: { a: { home_account_id: home, environment: env, realm: 'tid', local_account_id: 'oid', username: 'adele@contoso.onmicrosoft.com', authority_type: 'MSSTS' } },
    RefreshToken: { r: { home_account_id: home, environment: env, credential_type: 'RefreshToken', client_id: client, secret: 'rt-secret' } },
    AccessToken: { t: { home_account_id: home, environment: env, credential_type: 'AccessToken', client_id: client, secret: 'at-secret', realm: 'tid', target, cached_at: String(now), expires_on: String(now + 3600), token_type: 'Bearer' } },
    IdToken: {},
    AppMetadata: {},
  };
  return { nodeCache: JSON.stringify(cache), homeAccountId: home, clientId: client, cloud: 'global' as const, realm: 'common', refreshTokenIssuedAt: now, fallbackScopes: [] };
}
