// `npm run demo` shows everything offline: started as its own process (scripts/demo.ts, the file
// dist/demo/scripts/demo.js is built from), it prints what to open, and the MS365 integrations page behind
// that address lists the four demo entries, each in the state the demo promises.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { freePort } from '../helpers/free-port.js';
import { spawnService } from '../helpers/spawn-service.js';

describe('npm run demo', () => {
  it('starts Microsoft, Home Assistant with four MS365 entries and the add-on, and says what to open', async (t) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'demo-data-'));
    const [ui, api, microsoft, ha] = await Promise.all([freePort(), freePort(), freePort(), freePort('localhost')]);
    const demo = spawnService([], {
      M365_DATA_DIR: dataDir, M365_UI_PORT: String(ui), M365_API_PORT: String(api),
      M365_DEMO_EMULATOR_PORT: String(microsoft), M365_DEMO_HA_PORT: String(ha), M365_LOG_LEVEL: 'warn',
    }, 'scripts/demo.ts');
    t.after(async () => {
      if (demo.child.exitCode === null) {
        demo.child.kill('SIGTERM');
        await demo.exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    });
    // The banner is printed once everything is up and seeded: wait for it, or for the process to die.
    const open = await new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = /Open:\s+(http:\/\/\S+)/.exec(demo.output());
        if (match?.[1]) resolve(match[1]);
      };
      demo.child.stdout?.on('data', check);
      void demo.exited.then(() => reject(new Error(`the demo exited:\n${demo.output()}`)));
    });
    assert.equal(open, `http://localhost:${ha}/hassio/ingress/m365_signin`);
    for (const hint of ['What to try', 'MS365 integrations', 'Needs attention', 'Consumer API']) assert.ok(demo.output().includes(hint), hint);

    // As a browser does: the HA page first (its ingress cookie), then the add-on through ingress.
    const panel = await fetch(open);
    const html = await panel.text();
    const cookie = (panel.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const ingressPath = /(\/api\/hassio_ingress\/[^/"]+)/.exec(html)?.[1];
    assert.ok(ingressPath, html);
    const list = (await (await fetch(`http://localhost:${ha}${ingressPath}/api/ms365/entries`, { headers: { cookie } })).json()) as {
      entries: Array<{ title: string; health: string; usable: boolean; token_file: { state: string }; permissions: { missing: string[] } }>;
    };
    const byTitle = new Map(list.entries.map((entry) => [entry.title, entry]));
    assert.equal(list.entries.length, 4, JSON.stringify(list));
    assert.equal(byTitle.get('Family calendar')?.health, 'ok');
    assert.equal(byTitle.get('Shopping lists')?.token_file.state, 'missing');
    assert.deepEqual(byTitle.get('Household mail')?.permissions.missing, ['MailboxSettings.ReadWrite']);
    assert.equal(byTitle.get('Work contacts')?.usable, false);
    const apps = (await (await fetch(`http://localhost:${ha}${ingressPath}/api/app-registrations`, { headers: { cookie } })).json()) as { app_registrations: unknown[] };
    assert.equal(apps.app_registrations.length, 1);
  });
});
