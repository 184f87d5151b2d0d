// The checks frenck/action-addon-linter runs on config.yaml, re-done here because CI has no Docker:
// its JSON schema (a copy, see the NOTICE), then its rules: no key set to its default, no watchdog,
// no deprecated keys or architectures, no contradicting keys. Returns findings, not exceptions.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

export interface Finding {
  rule: string;
  message: string;
}

interface JsonSchema {
  properties: Record<string, { default?: unknown }>;
}

const SCHEMA_FILE = new URL('./addon-config.schema.json', import.meta.url);

/** Keys the linter reports as errors: obsolete or ignored by today's Supervisor. */
const DEPRECATED_KEYS: Record<string, string> = {
  watchdog: 'obsolete, use a Docker HEALTHCHECK',
  codenotary: 'deprecated and ignored by the Supervisor',
  advanced: 'ignored since Supervisor 2026.03.0',
  squash: 'removed with the legacy builder',
  auto_uart: 'replaced by uart',
};
const DEPRECATED_ARCHES = ['armhf', 'armv7', 'i386'];

export function loadLinterSchema(): JsonSchema & Record<string, unknown> {
  // The schema's `services` pattern uses Python's (?P<name>…) groups; JavaScript spells them (?<name>…).
  return JSON.parse(readFileSync(SCHEMA_FILE, 'utf8').replaceAll('(?P<', '(?<')) as JsonSchema & Record<string, unknown>;
}

export function validateAgainstSchema(config: Record<string, unknown>): Finding[] {
  const schema = loadLinterSchema();
  // ajv-formats ships CommonJS; its default export arrives wrapped under ESM.
  const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(config)) return [];
  return (validate.errors ?? []).map((error) => ({ rule: 'schema', message: `${error.instancePath || '/'} ${error.message ?? ''}`.trim() }));
}

export function lintRules(config: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const schema = loadLinterSchema();
  for (const [key, value] of Object.entries(config)) {
    const definition = schema.properties[key];
    if (definition && 'default' in definition && isDeepStrictEqual(definition.default, value)) {
      findings.push({ rule: 'default_value', message: `'${key}' should be removed, it uses a default value` });
    }
    if (key in DEPRECATED_KEYS) findings.push({ rule: 'deprecated_key', message: `'${key}': ${DEPRECATED_KEYS[key]}` });
  }
  const arches = Array.isArray(config.arch) ? (config.arch as string[]) : [];
  for (const arch of arches.filter((a) => DEPRECATED_ARCHES.includes(a))) findings.push({ rule: 'deprecated_arch', message: `arch '${arch}' is no longer supported` });
  if (config.webui !== undefined && config.ingress === true) findings.push({ rule: 'webui_with_ingress', message: "'webui' must not be set together with ingress" });
  if (config.ingress_port === 0 && config.host_network !== true) findings.push({ rule: 'ingress_port_0', message: "'ingress_port: 0' needs host_network" });
  if (config.backup === 'cold' && (config.backup_pre !== undefined || config.backup_post !== undefined)) {
    findings.push({ rule: 'cold_backup_hooks', message: "'backup_pre'/'backup_post' are ignored with a cold backup" });
  }
  findings.push(...lintMap(config.map));
  if (Array.isArray(config.devices) && (config.devices as unknown[]).some((d) => typeof d === 'string' && d.includes(':'))) {
    findings.push({ rule: 'devices_format', message: "'devices' uses the old 'host:container:perms' format" });
  }
  return findings;
}

function mapType(entry: unknown): string {
  if (typeof entry === 'string') return entry.split(':')[0] ?? '';
  return String((entry as { type?: unknown }).type ?? '');
}

function lintMap(map: unknown): Finding[] {
  if (!Array.isArray(map)) return [];
  const types = map.map(mapType);
  const findings: Finding[] = [];
  if (types.includes('config') && (types.includes('homeassistant_config') || types.includes('addon_config'))) {
    findings.push({ rule: 'map_config_combined', message: "'config' cannot be combined with 'homeassistant_config' or 'addon_config'" });
  }
  if (new Set(map.map((entry) => typeof entry)).size > 1) findings.push({ rule: 'map_mixed_forms', message: "'map' mixes strings and objects" });
  return findings;
}
