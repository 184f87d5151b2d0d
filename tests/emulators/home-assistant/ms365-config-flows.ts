// The emulated Core's config flows for the five MS365 integrations, over HA's REST API:
//   GET  /api/config/config_entries/flow_handlers          (config/config_entries.py ConfigManagerAvailableFlowView)
//   POST /api/config/config_entries/flow {handler, show_advanced_options, entry_id?}
//        (ConfigManagerFlowIndexView; an entry_id starts a reconfigure flow since Core 2024.4, core PR #108794)
//   POST /api/config/config_entries/flow/<flow_id> <step input>   (FlowManagerResourceView)
//   DELETE /api/config/config_entries/flow/<flow_id>
// The steps follow RogerSelwyn/MS365-Calendar custom_components/ms365_calendar/config_flow.py (the other
// four share it): user → request_default (or request_alt) → create_entry / abort reconfigure_successful.
// The OAuth part is played by MSAL for Python itself (tests/python/ms365_reader.py), as python-o365
// does in the integration: initiate_auth_code_flow keeps the flow's state and PKCE verifier in the
// flow, acquire_token_by_auth_code_flow redeems the pasted code at the Microsoft emulator and saves the
// token file with json.dumps(indent=4). A state mismatch raises in MSAL, uncaught by the integration,
// so Core answers 500 text/plain and the flow stays where it was (ms365-config-flow.md trap 2).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { runReader } from '../../python/ms365-reader.js';
import type { EmulatedConfigEntries, EmulatedEntry } from './config-entries.js';
import type { HaCore } from './core.js';
import {
  COUNTRY_HOSTS,
  FLOW_DOMAINS,
  integrationConflicts,
  reconfigureSchema,
  REQUEST_DEFAULT_SCHEMA,
  requestedPermissions,
  userSchema,
  validateStep,
  type Field,
  type Ms365FlowDomain,
} from './ms365-flow-schemas.js';

/** Built-in handlers a Core always lists beside custom integrations (a few, for realism). */
const BUILT_IN_HANDLERS = ['met', 'mobile_app', 'radio_browser', 'shopping_list', 'sun'];
/** aiohttp's answer to an exception a view did not catch. */
const AIOHTTP_500 = '500 Internal Server Error\n\nServer got itself in trouble';
const ALT_CALLBACK_PATH = '/api/ms365';

interface Flow {
  flowId: string;
  domain: Ms365FlowDomain;
  step: 'user' | 'request_default' | 'request_alt';
  reconfigure: EmulatedEntry | null;
  schema: Field[];
  entityName: string | null;
  userInput: Record<string, unknown>;
  authUrl: string | null;
  flowFile: string;
  failedPermissions: string[];
}

type Answer = { status: number; body: unknown; text?: string };

export interface Ms365ConfigFlowsOptions {
  /** The Microsoft emulator's origin: MSAL for Python's requests go there (the test world's DNS). */
  microsoftOrigin: string;
  /** The MS365 integrations installed (from HACS); all five by default. */
  installed?: readonly Ms365FlowDomain[];
}

export class EmulatedMs365ConfigFlows {
  readonly flows = new Map<string, Flow>();
  installed: Set<Ms365FlowDomain>;
  /** Every REST call to the flow endpoints, for tests that prove what reached HA (bodies left out). */
  readonly calls: Array<{ method: string; path: string; status: number }> = [];
  readonly #core: HaCore;
  readonly #entries: EmulatedConfigEntries;
  readonly #microsoftOrigin: string;
  readonly #workDir = mkdtempSync(path.join(os.tmpdir(), 'ha-flows-'));
  /** MS365AuthCallbackView.token_url: registered by the first request_alt form, then shared. */
  #altCallback: { registered: boolean; tokenUrl: string } = { registered: false, tokenUrl: '' };

  constructor(core: HaCore, entries: EmulatedConfigEntries, options: Ms365ConfigFlowsOptions) {
    this.#core = core;
    this.#entries = entries;
    this.#microsoftOrigin = options.microsoftOrigin;
    this.installed = new Set(options.installed ?? FLOW_DOMAINS);
    core.apiRoutes.push(async (method, pathname, body) => {
      if (!pathname.startsWith('/config/config_entries/flow')) return undefined;
      const answer = await this.#route(method, pathname, body ?? {});
      if (answer) this.calls.push({ method, path: pathname, status: answer.status });
      return answer;
    });
    core.siteHandlers.push((req, res) => this.#callbackView(req, res));
  }

  tokenFile(domain: string, entityName: string): string {
    return path.join(this.#core.configDir, 'ms365_storage', '.MS365-token-cache', `${domain}_${entityName}.token`);
  }

  close(): void {
    rmSync(this.#workDir, { recursive: true, force: true });
  }

  async #route(method: string, pathname: string, body: Record<string, unknown>): Promise<Answer | undefined> {
    if (method === 'GET' && pathname === '/config/config_entries/flow_handlers') {
      return { status: 200, body: [...BUILT_IN_HANDLERS, ...this.installed].sort() };
    }
    if (method === 'POST' && pathname === '/config/config_entries/flow') return this.#start(body);
    const match = /^\/config\/config_entries\/flow\/([^/]+)$/.exec(pathname);
    if (!match) return undefined;
    const flow = this.flows.get(decodeURIComponent(match[1]!));
    if (!flow) return { status: 404, body: { message: 'Invalid flow specified' } };
    if (method === 'DELETE') {
      this.#end(flow);
      return { status: 200, body: { message: 'Flow aborted' } };
    }
    if (method === 'GET') return { status: 200, body: this.#form(flow, {}) };
    if (method === 'POST') return this.#configure(flow, body);
    return undefined;
  }

  #start(body: Record<string, unknown>): Answer {
    const handler = body.handler;
    if (typeof handler !== 'string' || !this.installed.has(handler as Ms365FlowDomain)) return { status: 404, body: { message: 'Invalid handler specified' } };
    const domain = handler as Ms365FlowDomain;
    const flow: Flow = {
      flowId: ulid(),
      domain,
      step: 'user',
      reconfigure: null,
      schema: userSchema(domain),
      entityName: null,
      userInput: {},
      authUrl: null,
      flowFile: path.join(this.#workDir, `${randomBytes(8).toString('hex')}.json`),
      failedPermissions: [],
    };
    // Before 2024.4 the body's entry_id meant nothing and a plain user flow started.
    if (typeof body.entry_id === 'string' && supportsReconfigure(this.#core.version)) {
      const entry = this.#entries.find(body.entry_id);
      if (!entry || entry.domain !== domain) return { status: 404, body: { message: 'Invalid entry specified' } };
      // async_step_reconfigure → _redo_configuration: the stored values become the form's defaults.
      flow.reconfigure = entry;
      flow.entityName = String(entry.data.entity_name);
      flow.schema = reconfigureSchema(domain, entry.data);
    }
    this.flows.set(flow.flowId, flow);
    return { status: 200, body: this.#form(flow, {}) };
  }

  async #configure(flow: Flow, body: Record<string, unknown>): Promise<Answer> {
    const schema = flow.step === 'user' ? flow.schema : flow.step === 'request_default' ? REQUEST_DEFAULT_SCHEMA : [];
    const checked = validateStep(schema, body);
    if (!checked.ok) return { status: 400, body: { errors: checked.errors } };
    if (flow.step === 'user') return { status: 200, body: await this.#userStep(flow, checked.value) };
    try {
      return { status: 200, body: await this.#authorizationStep(flow, checked.value) };
    } catch {
      // MSAL's ValueError (state mismatch) is not caught by the integration.
      return { status: 500, body: null, text: AIOHTTP_500 };
    }
  }

  /** async_step_user. */
  async #userStep(flow: Flow, input: Record<string, unknown>): Promise<unknown> {
    const errors = integrationConflicts(flow.domain, input);
    if (Object.keys(errors).length > 0) return this.#form(flow, errors);
    // The first entity name sticks for the life of the flow (ms365-config-flow.md trap 5).
    if (!flow.entityName) flow.entityName = String(input.entity_name);
    else if (!flow.reconfigure) input.entity_name = flow.entityName;
    if (flow.reconfigure) input.entity_name = flow.entityName;
    flow.userInput = input;
    const authentication = this.#tryAuthentication(flow);
    const field = flow.reconfigure ? 'client_id' : 'entity_name';
    if (authentication === 'error') return this.#form(flow, { [field]: 'error_authenticating' });
    if (authentication === 'authenticated' && !flow.reconfigure) return this.#form(flow, { [field]: 'already_configured' });
    const api = input.api_options as { country: string; tenant_id: string };
    const hosts = COUNTRY_HOSTS[api.country]!;
    const started = await runReader<{ auth_uri: string }>('start-login', {
      flowFile: flow.flowFile,
      clientId: String(input.client_id),
      clientSecret: String(input.client_secret),
      loginHost: hosts.login,
      tenant: api.tenant_id.trim() || 'common',
      emulator: this.#microsoftOrigin,
      scopes: requestedPermissions(flow.domain, input).map((name) => `${hosts.graph}${name}`),
      redirectUri: this.#redirectUri(flow),
    });
    flow.authUrl = started.auth_uri;
    flow.step = input.alt_auth_method ? 'request_alt' : 'request_default';
    if (flow.step === 'request_alt') this.#altCallback.registered = true;
    return this.#form(flow, {});
  }

  /** get_callback_url: HA's external URL + /api/ms365, or the country's nativeclient page. */
  #redirectUri(flow: Flow): string {
    if (flow.userInput.alt_auth_method) return `${this.#core.urls.external ?? this.#core.urls.internal}${ALT_CALLBACK_PATH}`;
    const api = flow.userInput.api_options as { country: string };
    return `https://${COUNTRY_HOSTS[api.country]!.login}/common/oauth2/nativeclient`;
  }

  /** MS365Account.try_authentication: a readable file with an account counts as authenticated. */
  #tryAuthentication(flow: Flow): 'none' | 'authenticated' | 'error' {
    let text: string;
    try {
      text = readFileSync(this.tokenFile(flow.domain, String(flow.entityName)), 'utf8');
    } catch {
      return 'none';
    }
    try {
      const parsed = JSON.parse(text) as Record<string, Record<string, unknown>>;
      if ('access_token' in parsed) return 'error';
      return Object.keys(parsed.RefreshToken ?? {}).length > 0 ? 'authenticated' : 'none';
    } catch {
      return 'error';
    }
  }

  /** async_step_request_default / request_alt → _async_validate_response. */
  async #authorizationStep(flow: Flow, input: Record<string, unknown>): Promise<unknown> {
    let url = flow.step === 'request_alt' ? this.#altCallback.tokenUrl : String(input.url);
    if (url.slice(0, 5).toLowerCase() === 'http:') url = `https:${url.slice(5)}`;
    // A substring test, as in the integration: an error address with "code" anywhere passes it.
    if (!url.includes('code')) return this.#form(flow, { url: 'invalid_url' });
    const api = flow.userInput.api_options as { country: string; tenant_id: string };
    const hosts = COUNTRY_HOSTS[api.country]!;
    const file = this.tokenFile(flow.domain, String(flow.entityName));
    mkdirSync(path.dirname(file), { recursive: true });
    const common = {
      cacheFile: file,
      flowFile: flow.flowFile,
      clientId: String(flow.userInput.client_id),
      clientSecret: String(flow.userInput.client_secret),
      loginHost: hosts.login,
      tenant: api.tenant_id.trim() || 'common',
      emulator: this.#microsoftOrigin,
    };
    const redeemed = await runReader<{ ok: boolean }>('finish-login', { ...common, redirectUri: this.#redirectUri(flow), responseUrl: url });
    if (!redeemed.ok) return this.#form(flow, { url: 'token_file_error' });
    const required = requestedPermissions(flow.domain, flow.userInput);
    const check = await runReader<{ result: string; failed?: string[] }>('check-permissions', { cacheFile: file, graphPrefix: hosts.graph, required });
    if (check.result !== 'ok') {
      flow.failedPermissions = check.failed ?? [];
      return this.#form(flow, { url: check.result === 'permissions' ? 'permissions' : 'corrupted' });
    }
    flow.failedPermissions = [];
    return this.#finish(flow);
  }

  async #finish(flow: Flow): Promise<unknown> {
    this.#end(flow);
    if (flow.reconfigure) {
      // async_update_and_abort (ToDo and Contacts reload as well; the others pick the file up on their next poll).
      flow.reconfigure.data = flow.userInput;
      this.#entries.writeStorage();
      await this.#entries.setUp(flow.reconfigure);
      return { type: 'abort', flow_id: flow.flowId, handler: flow.domain, reason: 'reconfigure_successful', description_placeholders: null, translation_domain: null };
    }
    const entry = this.#entries.add({ domain: flow.domain, data: flow.userInput, title: String(flow.entityName) });
    await this.#entries.setUp(entry);
    // config/config_entries.py _prepare_config_flow_result_json: data and context popped, result = entry_json.
    return {
      type: 'create_entry',
      flow_id: flow.flowId,
      handler: flow.domain,
      title: entry.title,
      description: null,
      description_placeholders: null,
      options: {},
      subentries: [],
      version: 2,
      minor_version: 0,
      result: { entry_id: entry.entry_id, domain: entry.domain, title: entry.title, source: 'user', state: entry.state },
    };
  }

  #end(flow: Flow): void {
    this.flows.delete(flow.flowId);
    rmSync(flow.flowFile, { force: true });
  }

  /** A FORM result as FlowManagerResourceView._prepare_result_json serialises it. */
  #form(flow: Flow, errors: Record<string, string>): unknown {
    const base = { type: 'form', flow_id: flow.flowId, handler: flow.domain, step_id: flow.step, errors, last_step: null, preview: null };
    if (flow.step === 'user') return { ...base, data_schema: flow.schema, description_placeholders: null };
    const placeholders = {
      auth_url: flow.authUrl,
      entity_name: flow.entityName,
      failed_permissions: flow.failedPermissions.length > 0 ? `\n\nMissing - ${flow.failedPermissions.join(', ')}` : null,
    };
    return { ...base, data_schema: flow.step === 'request_default' ? REQUEST_DEFAULT_SCHEMA : [], description_placeholders: placeholders };
  }

  /** MS365AuthCallbackView on the HA site: unauthenticated, keeps the full URL, closes the window. */
  async #callbackView(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://site');
    if (url.pathname !== ALT_CALLBACK_PATH || !this.#altCallback.registered) return false;
    const origin = this.#core.urls.external ?? this.#core.urls.internal ?? 'http://homeassistant.local:8123';
    this.#altCallback.tokenUrl = `${origin}${url.pathname}${url.search}`;
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<script>window.close()</script>This window can be closed');
    return true;
  }
}

/** The Core versions whose flow index view reads `entry_id` (2024.4 and later). */
export function supportsReconfigure(version: string): boolean {
  const [year, month] = version.split('.').map(Number);
  return (year ?? 0) > 2024 || ((year ?? 0) === 2024 && (month ?? 0) >= 4);
}

/** Flow ids are ULIDs in current Cores (util/ulid.py ulid_now). */
function ulid(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return Array.from(randomBytes(26), (byte) => alphabet[byte % 32]).join('');
}
