// Everything the add-on asks Home Assistant: its own info, HA's URLs, admin status, notifications,
// restart, and the internet-redirect bounce page. Absent (null) in standalone mode. Every call has a
// deadline, and a failing feature is reported as unavailable instead of failing the service.
import type { Logger } from '../log.js';
import type { Settings } from '../settings/schema.js';
import { AdminDirectory } from './admin-directory.js';
import { ConfigEntriesApi } from './config-entries.js';
import { ConfigFlowApi } from './config-flow.js';
import { CoreApi, type HaUrls, type Notification } from './core-api.js';
import { fetchNetworkUrls, fetchUsers, withCoreSession } from './core-websocket.js';
import { AppError } from '../errors/app-error.js';
import { writeBouncePage } from './bounce-page-writer.js';
import { FeatureTracker, type HaResult } from './feature-tracker.js';
import { describeHaFailure } from './ha-error.js';
import { checkingRedirect, evaluateInternetRedirect, type RedirectFacts } from './internet-redirect.js';
import { probeFirst, type ProbeResult } from './local-probe.js';
import { choosePublicUrl } from './public-url.js';
import type { HaStatus, InternetRedirect } from './ha-status.js';
import { SupervisorClient, type SelfInfo } from './supervisor-client.js';
import { callDeadline, type SupervisorConnection } from './supervisor-http.js';

/** How old a snapshot may be before a status read starts a new check. */
const STALE_MS = 30_000;
/** Shorter while waiting for something to change (first check, a restart, a page not yet served). */
const STALE_UNSETTLED_MS = 3_000;
/** After this long without seeing Core go down and up again, stop saying it is restarting. */
const RESTART_WATCH_MS = 10 * 60_000;

type HaSettings = Pick<Settings, 'supervisorUrl' | 'supervisorToken' | 'haTimeoutMs' | 'haConfigDir' | 'bouncePage' | 'haPublicUrl' | 'apiPort'>;

export interface HomeAssistantOptions {
  settings: HaSettings;
  log: Logger;
  now: () => Date;
}

export class HomeAssistant {
  readonly #settings: HaSettings;
  readonly #log: Logger;
  readonly #now: () => Date;
  readonly #stop = new AbortController();
  readonly #conn: SupervisorConnection;
  readonly #supervisor: SupervisorClient;
  readonly #core: CoreApi;
  readonly #admins: AdminDirectory;
  readonly #features: FeatureTracker;
  /** The Core API's config entries (list, reload), on this one Supervisor connection. */
  readonly configEntries: ConfigEntriesApi;
  /** HA's config flows over the Core API ("Add an MS365 integration"), on the same connection. */
  readonly configFlows: ConfigFlowApi;
  #self: SelfInfo | null = null;
  #urls: HaUrls | null = null;
  #redirect: InternetRedirect = checkingRedirect();
  #checkedAt: Date | null = null;
  #refreshing: Promise<void> | null = null;
  #createdWww = false;
  #restartRequestedAt: number | null = null;
  #sawCoreDown = false;

  /** Null in standalone mode: without the Supervisor's token there is no Home Assistant to ask. */
  static fromSettings(options: HomeAssistantOptions & { settings: HaSettings & Pick<Settings, 'mode'> }): HomeAssistant | null {
    if (options.settings.mode !== 'addon' || !options.settings.supervisorToken) return null;
    return new HomeAssistant(options);
  }

  constructor(options: HomeAssistantOptions) {
    this.#settings = options.settings;
    this.#log = options.log;
    this.#now = options.now;
    this.#conn = {
      baseUrl: options.settings.supervisorUrl,
      token: options.settings.supervisorToken ?? '',
      timeoutMs: options.settings.haTimeoutMs,
      stop: this.#stop.signal,
    };
    this.#supervisor = new SupervisorClient(this.#conn);
    this.#core = new CoreApi(this.#conn);
    // Without the stop signal: at shutdown the add-on still abandons its open config flows (and a
    // keep-alive pass may still reload an entry) after the status checks above have stopped.
    const { stop: _stop, ...lasting } = this.#conn;
    this.configEntries = new ConfigEntriesApi(lasting);
    this.configFlows = new ConfigFlowApi(lasting);
    this.#features = new FeatureTracker(options.log, options.settings.haTimeoutMs);
    this.#admins = new AdminDirectory(() => withCoreSession(this.#conn, fetchUsers), () => this.#now().getTime());
  }

  start(): void {
    void this.refresh();
  }

  /** Aborts calls in flight; nothing here holds data that needs flushing. */
  stop(): void {
    this.#stop.abort();
  }

  /** One check at a time; callers share the one in flight. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#refreshOnce()
      .catch((error: unknown) => this.#log.error({ err: error }, 'Home Assistant check failed'))
      .finally(() => {
        this.#refreshing = null;
      });
    return this.#refreshing;
  }

  /** The snapshot for the UI; starts a new check in the background when it is stale. */
  status(): HaStatus {
    if (this.#isStale() && !this.#stop.signal.aborted) void this.refresh();
    const self = this.#self;
    return {
      hostname: self?.hostname ?? null,
      slug: self?.slug ?? null,
      consumerApiUrl: self ? `http://${self.hostname}:${this.#settings.apiPort}` : null,
      ingressPath: self?.ingressPath ?? null,
      urls: this.#urls ? { ...this.#urls } : null,
      features: this.#features.states(),
      internetRedirect: { ...this.#redirect },
      checkedAt: this.#checkedAt?.toISOString() ?? null,
    };
  }

  /** The redirect URI through HA's /local/ bounce page, once HA has an https address. */
  redirectUri(): string | undefined {
    return this.#redirect.redirectUri ?? undefined;
  }

  isAdmin(userId: string): Promise<HaResult<boolean>> {
    return this.#features.track(['admin_check'], () => this.#admins.isAdmin(userId));
  }

  /**
   * For display only (which controls the panel shows): the last known answer at once, checking
   * again in the background, so a slow HA never holds up the status. Permissions use isAdmin().
   */
  async isAdminForDisplay(userId: string): Promise<HaResult<boolean>> {
    const known = this.#admins.lastKnown(userId);
    if (known === undefined) return this.isAdmin(userId);
    void this.isAdmin(userId);
    return { ok: true, value: known };
  }

  async restart(): Promise<HaResult<'requested'>> {
    const result = await this.#features.track(['restart'], () => this.#core.restart());
    if (result.ok) {
      this.#log.info('Home Assistant restart requested');
      this.#restartRequestedAt = this.#now().getTime();
      this.#sawCoreDown = false;
      if (this.#redirect.state === 'needs_restart') this.#redirect = { ...this.#redirect, state: 'restarting', canRestart: false };
    }
    return result;
  }

  notify(notification: Notification): Promise<HaResult<void>> {
    return this.#features.track(['notifications'], () => this.#core.createNotification(notification));
  }

  dismissNotification(id: string): Promise<HaResult<void>> {
    return this.#features.track(['notifications'], () => this.#core.dismissNotification(id));
  }

  #isStale(): boolean {
    if (!this.#checkedAt) return true;
    const unsettled = ['checking', 'needs_restart', 'restarting', 'unavailable'].includes(this.#redirect.state);
    return this.#now().getTime() - this.#checkedAt.getTime() > (unsettled ? STALE_UNSETTLED_MS : STALE_MS);
  }

  async #refreshOnce(): Promise<void> {
    const [self, urls, core] = await Promise.all([
      this.#self ? Promise.resolve<HaResult<SelfInfo>>({ ok: true, value: this.#self }) : this.#features.track(['addon_info'], () => this.#supervisor.fetchSelfInfo()),
      this.#features.track(['ha_urls'], () => this.#fetchUrls()),
      this.#features.track(['notifications', 'restart'], () => this.#core.ping()),
    ]);
    if (self.ok) this.#self = self.value;
    if (urls.ok) this.#urls = urls.value;
    this.#watchRestart(core.ok);
    this.#redirect = evaluateInternetRedirect(await this.#redirectFacts(self, urls, core.ok));
    this.#checkedAt = this.#now();
  }

  /** `network/url` knows the Nabu Casa address too; /core/api/config is the fallback without it. */
  async #fetchUrls(): Promise<HaUrls> {
    try {
      return await withCoreSession(this.#conn, fetchNetworkUrls);
    } catch (error) {
      if (this.#stop.signal.aborted) throw error;
      this.#log.debug({ reason: (error as { reason?: string }).reason }, 'network/url failed; trying /core/api/config');
      return this.#core.fetchUrls();
    }
  }

  /** A restart is over once Core was seen down and then up again. */
  #watchRestart(coreUp: boolean): void {
    if (this.#restartRequestedAt === null) return;
    if (!coreUp) this.#sawCoreDown = true;
    const expired = this.#now().getTime() - this.#restartRequestedAt > RESTART_WATCH_MS;
    if ((coreUp && this.#sawCoreDown) || expired) {
      if (coreUp && this.#sawCoreDown) this.#createdWww = false;
      this.#restartRequestedAt = null;
      this.#sawCoreDown = false;
    }
  }

  async #redirectFacts(self: HaResult<SelfInfo>, urls: HaResult<HaUrls>, coreUp: boolean): Promise<RedirectFacts> {
    const timeoutMs = this.#settings.haTimeoutMs;
    const option = this.#settings.haPublicUrl;
    const choice = urls.ok ? choosePublicUrl(option, urls.value) : option ? choosePublicUrl(option, null) : null;
    const facts: RedirectFacts = {
      enabled: this.#settings.bouncePage && Boolean(this.#settings.haConfigDir),
      selfInfoProblem: self.ok ? (self.value.ingressPath ? null : 'the add-on has no ingress address') : describeHaFailure(self.error, timeoutMs),
      urlsProblem: urls.ok ? null : describeHaFailure(urls.error, timeoutMs),
      choice,
      writeProblem: null,
      probe: 'unknown',
      createdWww: false,
      restarting: this.#restartRequestedAt !== null,
      restartAvailable: coreUp,
    };
    if (!facts.enabled || facts.selfInfoProblem || !self.ok || !self.value.ingressPath) return facts;
    facts.writeProblem = await this.#writePage(self.value.ingressPath);
    facts.createdWww = this.#createdWww;
    if (!facts.writeProblem && choice?.ok) facts.probe = await this.#probe(choice.origin);
    return facts;
  }

  async #writePage(ingressPath: string): Promise<string | null> {
    try {
      const written = await writeBouncePage(this.#settings.haConfigDir!, ingressPath);
      if (!written.wwwExisted) this.#createdWww = true;
      if (written.changed) this.#log.info({ folder: written.folder, createdWww: !written.wwwExisted }, 'bounce page written');
      return null;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      this.#log.warn({ errorCode: code }, 'bounce page could not be written');
      // A link where a folder should be: say what was found rather than a code.
      if (error instanceof AppError) return `${String(error.details?.folder)} is ${String(error.details?.found)}, which the add-on does not follow`;
      return code;
    }
  }

  /** HA's internal URL first (reachable from the add-on), then the public one. */
  #probe(publicOrigin: string): Promise<ProbeResult> {
    return probeFirst([this.#urls?.internal, publicOrigin], () => callDeadline(this.#conn));
  }
}
