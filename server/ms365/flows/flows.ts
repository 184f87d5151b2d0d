// "Add an MS365 integration": drives the integration's own config flow in HA (the one correct way to
// create an entry, ms365-integrations.md §1), with the add-on's checks around it: the name before the
// flow starts, the app registration's credentials filled in (the secret goes to HA only), the paste
// checked against the flow's own auth link, every flow error as a diagnosis, and no flow left open.
import { AppError } from '../../errors/app-error.js';
import { ConfigFlowApi, coreSupportsReconfigure, FlowRequestError, type FlowResult } from '../../ha/config-flow.js';
import { HaError } from '../../ha/ha-error.js';
import type { Logger } from '../../log.js';
import { rewriteLoginUrl } from '../../oauth/rewriting-network-client.js';
import { findAppRegistration } from '../../registrations/app-registrations.js';
import type { Store } from '../../store/store.js';
import { DOMAIN_LABELS, isMs365Domain, MS365_DOMAINS, type Ms365Domain } from '../domains.js';
import { findEntryConfig } from '../entries.js';
import { checkEntityName } from './entity-name.js';
import { flowError, parseFailedPermissions } from './flow-diagnosis.js';
import { FlowRegistry, type OpenFlow } from './flow-registry.js';
import { checkPaste, readAuthLink } from './paste-check.js';
import { buildUserInput, optionFields, type OptionField } from './user-step.js';

/** How often idle flows are looked for; the limit itself is FLOW_IDLE_MS. */
export const FLOW_SWEEP_MS = 60_000;

export interface Ms365FlowsDeps {
  configFlow: ConfigFlowApi | null;
  store: Store;
  haConfigDir: string | undefined;
  /** Tests and the demo: the origin that plays Microsoft's login hosts. */
  endpointOverride: string | undefined;
  log: Logger;
  registry: FlowRegistry;
}

export interface Integration {
  domain: Ms365Domain;
  title: string;
  installed: boolean;
}

export interface StartFlowInput {
  domain: Ms365Domain;
  entityName: string | null;
  appRegistrationId: string;
  options: Record<string, unknown>;
  method: 'paste_back' | 'alternate';
  /** Reconfigure this entry instead of creating one. */
  entryId?: string | undefined;
}

export interface FlowStarted {
  flowId: string;
  domain: string;
  entityName: string;
  method: OpenFlow['method'];
  authUrl: string;
  redirectUri: string;
  /** Where the browser lands after signing in (the emulator's nativeclient page in tests and the demo). */
  landingUri: string;
  reconfigure: boolean;
  entryId: string | null;
  fields: OptionField[];
}

export interface FlowFinished {
  result: 'created' | 'reconfigured';
  entryId: string;
}

export class Ms365Flows {
  readonly #deps: Ms365FlowsDeps;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(deps: Ms365FlowsDeps) {
    this.#deps = deps;
  }

  get registry(): FlowRegistry {
    return this.#deps.registry;
  }

  /** The five integrations and whether HA has their config flow (i.e. they are installed). */
  async integrations(): Promise<{ integrations: Integration[]; reconfigure: boolean }> {
    const api = this.#api();
    const handlers = new Set(await api.handlers().catch(haUnavailable));
    const version = await api.coreVersion().catch(() => null);
    return {
      integrations: MS365_DOMAINS.map((domain) => ({ domain, title: DOMAIN_LABELS[domain], installed: handlers.has(domain) })),
      reconfigure: coreSupportsReconfigure(version),
    };
  }

  /** The integration's options as its user step asks for them: a flow opened, read and abandoned at once. */
  async optionFields(domain: Ms365Domain): Promise<{ domain: Ms365Domain; fields: OptionField[] }> {
    const api = this.#api();
    const result = await api.start(domain).catch(startFailed);
    try {
      if (result.type !== 'form') throw flowError('unexpected');
      return { domain, fields: optionFields(result.data_schema) };
    } finally {
      await this.#abandon(result.flow_id);
    }
  }

  async start(input: StartFlowInput): Promise<FlowStarted> {
    const api = this.#api();
    const haConfigDir = this.#haConfigDir();
    const registration = findAppRegistration(this.#deps.store, input.appRegistrationId);
    let entityName = input.entityName;
    if (input.entryId) {
      if (!coreSupportsReconfigure(await api.coreVersion().catch(() => null))) throw new AppError('ms365_reconfigure_unsupported');
      const entry = await findEntryConfig({ haConfigDir }, input.entryId);
      if (entry.domain !== input.domain) throw new AppError('ms365_entry_not_found');
      entityName = entry.entityName;
    } else {
      if (entityName === null) throw new AppError('validation_failed', { message: 'Give the entries a name.', field: 'entity_name' });
      await checkEntityName(haConfigDir, input.domain, entityName);
    }
    const first = await api.start(input.domain, input.entryId ? { entryId: input.entryId } : {}).catch(startFailed);
    try {
      if (first.type !== 'form' || first.step_id !== 'user') throw flowError(first.type === 'abort' ? first.reason : 'unexpected');
      const userInput = buildUserInput(first.data_schema, {
        entityName: input.entryId ? null : entityName,
        registration,
        alternate: input.method === 'alternate',
        options: input.options,
      });
      const next = await api.step(first.flow_id, userInput).catch((error: unknown) => stepFailed(error));
      if (next.type !== 'form') throw flowError(next.type === 'abort' ? next.reason : 'unexpected');
      if (next.step_id === 'user') {
        const [field, key] = Object.entries(next.errors ?? {})[0] ?? ['base', 'unexpected'];
        throw flowError(key, { field });
      }
      const authUrl = next.description_placeholders?.auth_url ?? '';
      const link = readAuthLink(authUrl);
      if (!link || (next.step_id !== 'request_default' && next.step_id !== 'request_alt')) throw flowError('unexpected');
      const method = next.step_id === 'request_alt' ? 'alternate' : 'paste_back';
      const open = await this.#deps.registry.add({
        flowId: first.flow_id,
        domain: input.domain,
        entityName: String(next.description_placeholders?.entity_name ?? entityName),
        method,
        authUrl,
        redirectUri: link.redirectUri,
        state: link.state,
        entryId: input.entryId ?? null,
      });
      this.#deps.log.info({ domain: input.domain, reconfigure: Boolean(input.entryId) }, 'MS365 config flow waiting for the sign-in');
      return this.#started(open, optionFields(first.data_schema));
    } catch (error) {
      // A flow that cannot go on keeps the client secret in HA's memory: abandon it (trap 8).
      await this.#abandon(first.flow_id);
      throw error;
    }
  }

  /** Paste-back: checks the address against the flow's auth link, then submits it. */
  async paste(flowId: string, pasted: string): Promise<FlowFinished> {
    const flow = this.#open(flowId, 'paste_back');
    const extraHosts = this.#deps.endpointOverride ? [new URL(this.#deps.endpointOverride).host] : [];
    const url = checkPaste({ redirectUri: flow.redirectUri, state: flow.state }, pasted, extraHosts);
    return this.#submit(flow, { url });
  }

  /** Alternate method: HA's /api/ms365 caught the redirect; the empty form tells the flow to go on. */
  async finish(flowId: string): Promise<FlowFinished> {
    return this.#submit(this.#open(flowId, 'alternate'), {});
  }

  async cancel(flowId: string): Promise<void> {
    if (!this.#deps.registry.get(flowId)) throw new AppError('ms365_flow_not_found');
    await this.#abandon(flowId);
  }

  /** Abandons flows idle for 10 minutes (the clock is the registry's). */
  async sweep(): Promise<number> {
    const idle = this.#deps.registry.idle();
    for (const flow of idle) await this.#abandon(flow.flowId);
    if (idle.length > 0) this.#deps.log.info({ count: idle.length }, 'Abandoned idle MS365 config flows');
    return idle.length;
  }

  /** Start-up: abandons the flows a previous run left open, then looks for idle ones every minute. */
  async startUp(): Promise<void> {
    if (this.#deps.configFlow) {
      for (const flowId of await this.#deps.registry.leftOver()) {
        await this.#deps.configFlow.abort(flowId).catch((error: unknown) => this.#deps.log.warn({ err: error }, 'Could not abandon a config flow left from the last run'));
      }
      await this.#deps.registry.forgetLeftOver();
    }
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.#deps.log.error({ err: error }, 'Abandoning idle config flows failed'));
    }, FLOW_SWEEP_MS);
    this.#timer.unref();
  }

  /** Shutdown: no flow stays open in HA. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    for (const flow of this.#deps.registry.all()) await this.#abandon(flow.flowId);
  }

  async #submit(flow: OpenFlow, input: Record<string, unknown>): Promise<FlowFinished> {
    let result: FlowResult;
    try {
      result = await this.#api().step(flow.flowId, input);
    } catch (error) {
      if (error instanceof FlowRequestError && error.kind === 'unknown_flow') {
        await this.#deps.registry.remove(flow.flowId);
        throw new AppError('ms365_flow_not_found');
      }
      // A 500 is the integration raising; the flow is still there (trap 2).
      return stepFailed(error);
    }
    if (result.type === 'create_entry') {
      await this.#deps.registry.remove(flow.flowId);
      this.#deps.log.info({ domain: flow.domain }, 'MS365 config flow created an entry');
      return { result: 'created', entryId: result.result.entry_id };
    }
    if (result.type === 'abort') {
      await this.#deps.registry.remove(flow.flowId);
      if (result.reason === 'reconfigure_successful' && flow.entryId) return { result: 'reconfigured', entryId: flow.entryId };
      throw new AppError('ms365_flow_aborted', { details: { reason: result.reason.replace(/[^a-z_]/g, '').slice(0, 64) } });
    }
    const key = result.errors?.url ?? Object.values(result.errors ?? {})[0] ?? 'unexpected';
    // The flow stays at its sign-in step: the same link can be used again.
    throw flowError(key, { redirectUri: flow.redirectUri, missing: parseFailedPermissions(result.description_placeholders?.failed_permissions) });
  }

  #open(flowId: string, method: OpenFlow['method']): OpenFlow {
    const flow = this.#deps.registry.touch(flowId);
    if (!flow) throw new AppError('ms365_flow_not_found');
    if (flow.method !== method) throw new AppError('ms365_flow_wrong_step');
    return flow;
  }

  async #abandon(flowId: string): Promise<void> {
    await this.#deps.registry.remove(flowId);
    await this.#deps.configFlow?.abort(flowId).catch((error: unknown) => this.#deps.log.warn({ err: error }, 'Could not abandon a config flow'));
  }

  #started(flow: OpenFlow, fields: OptionField[]): FlowStarted {
    return {
      flowId: flow.flowId,
      domain: flow.domain,
      entityName: flow.entityName,
      method: flow.method,
      // Pass the link through unchanged; only tests and the demo point its host at the emulator.
      authUrl: rewriteLoginUrl(flow.authUrl, this.#deps.endpointOverride),
      redirectUri: flow.redirectUri,
      landingUri: rewriteLoginUrl(flow.redirectUri, this.#deps.endpointOverride),
      reconfigure: flow.entryId !== null,
      entryId: flow.entryId,
      fields,
    };
  }

  #api(): ConfigFlowApi {
    if (!this.#deps.configFlow) throw new AppError('ms365_flows_unavailable');
    return this.#deps.configFlow;
  }

  #haConfigDir(): string {
    if (!this.#deps.haConfigDir) throw new AppError('ha_config_folder_unset');
    return this.#deps.haConfigDir;
  }
}

export function parseDomain(value: string): Ms365Domain {
  if (!isMs365Domain(value)) throw new AppError('validation_failed', { message: `Not an MS365 integration: ${value.slice(0, 40)}`, field: 'domain' });
  return value;
}

function haUnavailable(error: unknown): never {
  if (error instanceof HaError || error instanceof FlowRequestError) throw new AppError('ms365_flows_unavailable', { cause: error });
  throw error;
}

function startFailed(error: unknown): never {
  if (error instanceof FlowRequestError && error.kind === 'unknown_handler') throw new AppError('ms365_integration_not_installed');
  return stepFailed(error);
}

function stepFailed(error: unknown): never {
  if (error instanceof FlowRequestError) {
    const field = Object.keys(error.fieldErrors)[0];
    throw flowError(error.kind === 'invalid_input' ? 'invalid_input' : error.kind, field ? { field } : {});
  }
  if (error instanceof HaError) throw new AppError('home_assistant_unavailable', { cause: error });
  throw error;
}
