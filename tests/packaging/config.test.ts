// config.yaml as the Supervisor and the add-on linter read it, and its agreement with the
// translations, the settings loader and the rest of the add-on folder.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { loadSettings } from '../../server/settings/load.js';
import { lintRules, validateAgainstSchema } from './linter/addon-lint.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const config = parse(read('config.yaml')) as Record<string, any>;
const translations = parse(read('translations/en.yaml')) as { configuration: Record<string, { name: string; description: string }>; network: Record<string, string> };

/** The size of a PNG from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(path.join(ROOT, file));
  assert.equal(bytes.subarray(1, 4).toString('ascii'), 'PNG', `${file} is a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function findFiles(dir: string, names: Set<string>, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['.git', 'node_modules', 'dist', 'test-artifacts', 'data'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findFiles(full, names, found);
    else if (names.has(entry.name)) found.push(path.relative(ROOT, full));
  }
  return found;
}

describe('config.yaml', () => {
  it('passes the add-on linter’s JSON schema', () => {
    assert.deepEqual(validateAgainstSchema(config), []);
  });

  it('passes the linter’s rules: no default values, no watchdog, no deprecated keys or arches', () => {
    assert.deepEqual(lintRules(config), []);
  });

  it('the linter checks catch what they are meant to catch', () => {
    const broken = { ...config, ingress_port: 8099, init: true, watchdog: 'tcp://[HOST]:[PORT:8099]', codenotary: 'a@b.c', arch: ['amd64', 'armv7'], webui: 'http://[HOST]:[PORT:8099]' };
    const rules = lintRules(broken).map((f) => f.rule).sort();
    assert.deepEqual(rules, ['default_value', 'default_value', 'deprecated_arch', 'deprecated_key', 'deprecated_key', 'webui_with_ingress']);
    assert.notDeepEqual(validateAgainstSchema({ ...config, map: ['homeassistant_config:rw', { type: 'share' }] }), []);
    assert.notDeepEqual(validateAgainstSchema({ ...config, unknown_key: true }), []);
  });

  it('declares what the add-on needs and nothing more', () => {
    assert.deepEqual(config.arch, ['aarch64', 'amd64']);
    assert.equal(config.init, false);
    assert.equal(config.ingress, true);
    assert.equal('ingress_port' in config, false, '8099 is the default');
    assert.equal(config.homeassistant_api, true);
    assert.equal('hassio_api' in config, false, '/addons/self/info needs no hassio_api; restart uses the Core API');
    for (const key of ['host_network', 'full_access', 'docker_api', 'privileged', 'hassio_role', 'auth_api']) assert.equal(key in config, false, key);
    assert.deepEqual(config.map, ['homeassistant_config:rw']);
    assert.deepEqual(config.ports, { '8100/tcp': null }, 'the consumer API is unpublished until the user picks a host port');
    assert.equal(config.version, JSON.parse(read('package.json')).version);
    assert.match(config.panel_icon, /^mdi:/);
    assert.ok(config.panel_title);
  });

  it('has an option for every required schema key, and a label for every option and port', () => {
    for (const [key, type] of Object.entries(config.schema as Record<string, string>)) {
      if (!String(type).endsWith('?')) assert.ok(key in config.options, `required option ${key} has a default`);
      assert.ok(translations.configuration[key]?.name && translations.configuration[key]?.description, `translation for ${key}`);
    }
    for (const key of Object.keys(config.options)) assert.ok(key in config.schema, `option ${key} is in the schema`);
    for (const key of Object.keys(translations.configuration)) assert.ok(key in config.schema, `translated ${key} is an option`);
    assert.deepEqual(Object.keys(translations.network).sort(), Object.keys(config.ports).sort());
  });

  it('warns, where the option is chosen and in DOCS.md, that network access sends keys and tokens over plain HTTP', () => {
    assert.match(translations.configuration.consumer_api_access!.description, /plain HTTP/);
    assert.match(translations.configuration.consumer_api_access!.description, /unencrypted/);
    assert.match(translations.network['8100/tcp']!, /Plain HTTP/);
    const docs = read('DOCS.md');
    assert.match(docs, /Plain HTTP on your LAN/);
    assert.match(docs, /access token[^.]*crosses your LAN unencrypted/);
  });

  it('gives the service the options’ meaning when the Supervisor writes them to options.json', (t) => {
    const data = mkdtempSync(path.join(os.tmpdir(), 'm365-options-'));
    t.after(() => rmSync(data, { recursive: true, force: true }));
    writeFileSync(path.join(data, 'options.json'), JSON.stringify(config.options));
    const defaults = loadSettings({ env: { SUPERVISOR_TOKEN: 't' }, argv: [], addonDataDir: data });
    assert.equal(defaults.mode, 'addon');
    assert.equal(defaults.logLevel, 'info');
    assert.deepEqual(defaults.apiAllowedSources, ['172.30.32.0/23', '127.0.0.0/8', '::1']);
    assert.equal(defaults.bouncePage, true);
    assert.equal(defaults.haConfigDir, '/homeassistant', 'where map homeassistant_config is mounted');
    assert.equal(defaults.apiPort, Number(Object.keys(config.ports)[0]?.split('/')[0]));
    assert.equal(defaults.uiPort, 8099, 'the default ingress port');
    writeFileSync(path.join(data, 'options.json'), JSON.stringify({ log_level: 'debug', consumer_api_access: 'network', internet_redirect_page: false, public_url: 'https://ha.example.net/' }));
    const changed = loadSettings({ env: { SUPERVISOR_TOKEN: 't' }, argv: [], addonDataDir: data });
    assert.equal(changed.logLevel, 'debug');
    assert.equal(changed.apiAllowedSources, null);
    assert.equal(changed.bouncePage, false);
    assert.equal(changed.haPublicUrl, 'https://ha.example.net');
  });

  it('is the only config.yaml/.yml/.json in the repository (the Supervisor searches recursively)', () => {
    assert.deepEqual(findFiles(ROOT, new Set(['config.yaml', 'config.yml', 'config.json'])), ['config.yaml']);
  });
});

describe('the add-on folder', () => {
  it('has the files the add-on store shows', () => {
    for (const file of ['repository.yaml', 'config.yaml', 'Dockerfile', 'DOCS.md', 'CHANGELOG.md', 'icon.png', 'logo.png', 'translations/en.yaml', 'apparmor.txt']) {
      assert.ok(existsSync(path.join(ROOT, file)) && statSync(path.join(ROOT, file)).size > 0, file);
    }
    const repository = parse(read('repository.yaml')) as Record<string, string>;
    assert.ok(repository.name);
    assert.equal(repository.url, config.url);
  });

  it('has a square 128×128 icon and a 250×100 logo', () => {
    assert.deepEqual(pngSize('icon.png'), { width: 128, height: 128 });
    assert.deepEqual(pngSize('logo.png'), { width: 250, height: 100 });
  });

  it('has an AppArmor profile that allows what the add-on writes, and only that', () => {
    const profile = read('apparmor.txt');
    assert.match(profile, /^profile [\w-]+ flags=\(attach_disconnected,mediate_deleted\) \{$/m);
    for (const rule of ['/data/** rwk,', '/homeassistant/www/ms365_signin/** rw,', '/usr/bin/node rix,']) assert.ok(profile.includes(rule), rule);
    assert.equal(/\/homeassistant\/\*\* *r?w/.test(profile), false, 'no write access to the whole HA configuration');
    assert.equal(/^\s*file,\s*$/m.test(profile), false, 'no blanket file rule');
    assert.equal(profile.split('{').length, profile.split('}').length, 'balanced braces');
  });

  it('has a changelog entry for this version', () => {
    assert.match(read('CHANGELOG.md'), new RegExp(`## \\[${config.version.replaceAll('.', '\\.')}\\]`));
  });
});
