import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { BOUNCE_SCRIPT_SOURCE, BOUNCE_SCRIPT_VERSION, renderBouncePage } from '../../../server/ha/bounce-page.js';
import { writeBouncePage } from '../../../server/ha/bounce-page-writer.js';
import { AppError } from '../../../server/errors/app-error.js';

const CALLBACK = '/api/hassio_ingress/AbC_123-xyz/auth/callback';

/** Runs the page's script as a browser would on the given address; returns where it navigated. */
function runScript(href: string, metaContent: string | null = CALLBACK): { replacedWith: string | null; status: string } {
  const url = new URL(href);
  const result = { replacedWith: null as string | null, status: '' };
  const statusElement = { set textContent(text: string) { result.status = text; } };
  const context = {
    URLSearchParams,
    window: { location: { search: url.search, hash: url.hash, replace: (to: string) => void (result.replacedWith = to) } },
    document: {
      getElementById: (id: string) => (id === 'status' ? statusElement : null),
      querySelector: () => (metaContent === null ? null : { getAttribute: () => metaContent }),
    },
  };
  vm.runInNewContext(BOUNCE_SCRIPT_SOURCE, context);
  return result;
}

describe('the bounce page', () => {
  it('forwards code, state and the error fields, and nothing else, to the ingress callback', () => {
    const landed = runScript('https://ha.example.net/local/ms365_signin/callback.html?code=0.AX_code&client_info=eyJ&state=s1&session_state=abc&extra=%3Cx%3E');
    assert.equal(landed.replacedWith, `${CALLBACK}?code=0.AX_code&state=s1`);
    const refused = runScript('https://ha.example.net/local/ms365_signin/callback.html?error=access_denied&error_description=AADSTS65004%3A+declined&error_subcode=cancel&state=s2');
    assert.equal(refused.replacedWith, `${CALLBACK}?state=s2&error=access_denied&error_description=AADSTS65004%3A+declined&error_subcode=cancel`);
  });

  it('reads a fragment response too', () => {
    const landed = runScript('https://ha.example.net/local/ms365_signin/callback.html#code=c&state=s');
    assert.equal(landed.replacedWith, `${CALLBACK}?code=c&state=s`);
  });

  it('goes nowhere without a code or an error, or when the page names another target', () => {
    assert.equal(runScript('https://ha.example.net/local/ms365_signin/callback.html').replacedWith, null);
    for (const target of ['https://evil.example/steal', '//evil.example/api/hassio_ingress/x/auth/callback', '/api/hassio_ingress/x/other', null]) {
      const result = runScript('https://ha.example.net/local/ms365_signin/callback.html?code=c&state=s', target);
      assert.equal(result.replacedWith, null, `target ${target}`);
      assert.match(result.status, /damaged/, `target ${target}`);
    }
  });

  it('renders a page without inline script and refuses a target outside ingress', () => {
    const html = renderBouncePage(CALLBACK);
    assert.ok(html.includes(`<script src="callback.js?v=${BOUNCE_SCRIPT_VERSION}" defer></script>`));
    assert.equal(/<script>/.test(html), false);
    assert.throws(() => renderBouncePage('https://evil.example/'), /not an ingress callback path/);
    assert.throws(() => renderBouncePage('/api/hassio_ingress/x"><script>/auth/callback'), /not an ingress callback path/);
  });
});

describe('writing the bounce page', () => {
  it('creates www, says so, writes world-readable files atomically and only when they change', async (t) => {
    const config = mkdtempSync(path.join(os.tmpdir(), 'ha-config-'));
    t.after(() => rmSync(config, { recursive: true, force: true }));
    const first = await writeBouncePage(config, '/api/hassio_ingress/AbC');
    assert.deepEqual({ wwwExisted: first.wwwExisted, changed: first.changed }, { wwwExisted: false, changed: true });
    const page = path.join(config, 'www/ms365_signin/callback.html');
    assert.equal(statSync(page).mode & 0o777, 0o644);
    assert.ok(readFileSync(page, 'utf8').includes('content="/api/hassio_ingress/AbC/auth/callback"'));
    assert.equal(readFileSync(path.join(config, 'www/ms365_signin/callback.js'), 'utf8'), BOUNCE_SCRIPT_SOURCE);
    const again = await writeBouncePage(config, '/api/hassio_ingress/AbC');
    assert.deepEqual({ wwwExisted: again.wwwExisted, changed: again.changed }, { wwwExisted: true, changed: false });
    const reinstalled = await writeBouncePage(config, '/api/hassio_ingress/NewToken');
    assert.equal(reinstalled.changed, true, 'a new ingress token after a reinstall rewrites the page');
    assert.deepEqual(readdirSync(path.join(config, 'www/ms365_signin')).sort(), ['callback.html', 'callback.js'], 'no temporary files left');
  });

  it('fails with the file system’s code when the folder is read-only', async (t) => {
    if (process.getuid?.() === 0) return t.skip('root ignores file permissions');
    const config = mkdtempSync(path.join(os.tmpdir(), 'ha-config-'));
    t.after(() => rmSync(config, { recursive: true, force: true }));
    const { chmodSync } = await import('node:fs');
    chmodSync(config, 0o500);
    t.after(() => chmodSync(config, 0o700));
    await assert.rejects(writeBouncePage(config, '/api/hassio_ingress/AbC'), (error: NodeJS.ErrnoException) => error.code === 'EACCES');
    assert.equal(existsSync(path.join(config, 'www')), false);
  });

  it('refuses www or its folder as a link out of the config folder, and replaces a linked page instead of writing through it', async (t) => {
    const config = mkdtempSync(path.join(os.tmpdir(), 'ha-config-'));
    const away = mkdtempSync(path.join(os.tmpdir(), 'outside-'));
    t.after(() => [config, away].forEach((dir) => rmSync(dir, { recursive: true, force: true })));
    writeFileSync(path.join(away, 'callback.html'), 'someone else’s page');
    const redirected = (error: unknown) => error instanceof AppError && error.code === 'ha_www_folder_redirected' && error.details?.found === 'a symbolic link';

    symlinkSync(away, path.join(config, 'www'));
    await assert.rejects(writeBouncePage(config, '/api/hassio_ingress/AbC'), redirected);
    rmSync(path.join(config, 'www'));
    mkdirSync(path.join(config, 'www'));
    symlinkSync(away, path.join(config, 'www/ms365_signin'));
    await assert.rejects(writeBouncePage(config, '/api/hassio_ingress/AbC'), redirected);
    assert.deepEqual(readdirSync(away), ['callback.html']);
    assert.equal(readFileSync(path.join(away, 'callback.html'), 'utf8'), 'someone else’s page');

    rmSync(path.join(config, 'www/ms365_signin'));
    mkdirSync(path.join(config, 'www/ms365_signin'));
    symlinkSync(path.join(away, 'callback.html'), path.join(config, 'www/ms365_signin/callback.html'));
    await writeBouncePage(config, '/api/hassio_ingress/AbC');
    assert.ok(lstatSync(path.join(config, 'www/ms365_signin/callback.html')).isFile());
    assert.equal(readFileSync(path.join(away, 'callback.html'), 'utf8'), 'someone else’s page');
  });
});
