// The emulated Home Assistant Core's state: its URLs, users, persistent notifications, service calls,
// and restarts. Like the real Core, it decides at start whether to serve /local/: only when the
// config folder's `www` exists at that moment (homeassistant/components/frontend/__init__.py).
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ExtraHandler, IngressUser } from './ingress-proxy.js';

export interface HaUrls {
  internal: string | null;
  external: string | null;
  cloud: string | null;
}

/** A user as `config/auth/list` returns it (homeassistant/components/config/auth.py). */
export interface HaUserRecord {
  id: string;
  username: string | null;
  name: string;
  is_owner: boolean;
  is_active: boolean;
  local_only: boolean;
  system_generated: boolean;
  group_ids: string[];
  credentials: Array<{ type: string }>;
}

/** An extra Core REST route (path after /core/api), added by other emulator modules such as config-entries.ts. */
export type CoreApiRoute = (
  method: string,
  path: string,
  body?: Record<string, unknown>,
) => Promise<{ status: number; body: unknown; /** Sent as text/plain instead of JSON, as aiohttp's own errors are. */ text?: string } | undefined>;

export interface ServiceCall {
  domain: string;
  service: string;
  data: Record<string, unknown>;
}

export interface HaCoreOptions {
  configDir: string;
  users: IngressUser[];
  version?: string;
  /** How long Core stays down during a restart. */
  restartMs?: number;
}

export const SUPERVISOR_USER: HaUserRecord = {
  id: '0d1e2f3a4b5c4d6e8f9a0b1c2d3e4f5a',
  username: null,
  name: 'Supervisor',
  is_owner: false,
  is_active: true,
  local_only: false,
  system_generated: true,
  group_ids: ['system-admin'],
  credentials: [],
};

export function toUserRecord(user: IngressUser): HaUserRecord {
  return {
    id: user.id,
    username: user.name,
    name: user.displayName,
    is_owner: false,
    is_active: true,
    local_only: false,
    system_generated: false,
    group_ids: [user.isAdmin ? 'system-admin' : 'system-users'],
    credentials: [{ type: 'homeassistant' }],
  };
}

export class HaCore {
  readonly configDir: string;
  /** Settable, so a test can play an older Core. */
  version: string;
  urls: HaUrls = { internal: null, external: null, cloud: null };
  users: HaUserRecord[];
  readonly notifications = new Map<string, { title: string; message: string }>();
  readonly serviceCalls: ServiceCall[] = [];
  /** Asked in order before the proxy answers 404. */
  readonly apiRoutes: CoreApiRoute[] = [];
  /** Extra views on the HA site (e.g. an integration's unauthenticated callback), asked before the proxy. */
  readonly siteHandlers: ExtraHandler[] = [];
  /** False makes homeassistant.restart refuse, as Core does when configuration.yaml is broken. */
  configValid = true;
  restarts = 0;
  #servesLocal: boolean;
  #downUntil = 0;
  readonly #restartMs: number;

  constructor(options: HaCoreOptions) {
    this.configDir = options.configDir;
    this.version = options.version ?? '2026.8.1';
    this.users = [SUPERVISOR_USER, ...options.users.map(toUserRecord)];
    this.#restartMs = options.restartMs ?? 300;
    this.#servesLocal = this.#wwwExists();
  }

  get wwwDir(): string {
    return path.join(this.configDir, 'www');
  }

  get isUp(): boolean {
    return Date.now() >= this.#downUntil;
  }

  /** Whether /local/ is registered: decided when Core (re)started, not now. */
  get servesLocal(): boolean {
    return this.isUp && this.#servesLocal;
  }

  /** Core goes down for `restartMs`, then comes back and looks at `www` again. */
  restart(): void {
    this.restarts++;
    this.#downUntil = Date.now() + this.#restartMs;
    setTimeout(() => {
      this.#servesLocal = this.#wwwExists();
    }, this.#restartMs).unref();
    this.#servesLocal = false;
  }

  #wwwExists(): boolean {
    return existsSync(this.wwwDir);
  }
}
