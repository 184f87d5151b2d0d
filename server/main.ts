// Composition root: settings → log → store → services → the two listeners. Closes in reverse
// order on SIGTERM/SIGINT so writes in flight finish before the process exits.
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildConsumerApp } from './http/consumer-app.js';
import { buildUiApp } from './http/ui-app.js';
import { createLogger, type Logger } from './log.js';
import { createServices, type Services } from './services.js';
import { loadSettings } from './settings/load.js';
import type { Settings } from './settings/schema.js';
import { StoreOpenError } from './store/store-error.js';
import { Store } from './store/store.js';

export interface RunningService {
  settings: Settings;
  /** The wired parts, for tests that drive the scheduler or read the broker's state. */
  services: Services;
  uiUrl: string;
  apiUrl: string;
  close(): Promise<void>;
}

const SHUTDOWN_DEADLINE_MS = 8_000;

export async function startService(
  settings: Settings,
  log: Logger,
  options: { now?: () => Date } = {},
): Promise<RunningService> {
  const store = await Store.open(settings.dataDir, { logger: log });
  const services = createServices({ settings, store, log, ...options });
  const apps: FastifyInstance[] = [];
  try {
    const ui = await buildUiApp(services);
    apps.push(ui);
    const api = await buildConsumerApp(services);
    apps.push(api);
    const uiUrl = await ui.listen({ host: settings.uiHost, port: settings.uiPort });
    const apiUrl = await api.listen({ host: settings.apiHost, port: settings.apiPort });
    log.info({ ui: uiUrl, api: apiUrl, mode: settings.mode }, 'listening');
    services.homeAssistant?.start();
    services.ms365.start();
    // Flows a crash left open in HA are abandoned; HA may still be starting, so this never blocks.
    void services.ms365Flows.startUp().catch((error: unknown) => log.warn({ err: error }, 'Could not clean up MS365 config flows'));
    services.scheduler.start();
    // After HA's first check, so a notification raised at start-up already knows the panel's address.
    void (services.homeAssistant?.refresh() ?? Promise.resolve()).then(() => services.alerts.requestEvaluation());
    return {
      settings,
      services,
      uiUrl,
      apiUrl,
      close: async () => {
        services.homeAssistant?.stop();
        services.scheduler.stop();
        // A keep-alive pass may be writing a token file: let it finish before the store closes.
        await services.ms365.stop();
        // No config flow (nor the client secret it holds) stays open in HA after the add-on stops.
        await services.ms365Flows.stop();
        await Promise.all(apps.map((app) => app.close()));
        await services.audit.close();
        await store.close();
      },
    };
  } catch (error) {
    services.homeAssistant?.stop();
    await Promise.allSettled(apps.map((app) => app.close()));
    await store.close();
    throw error;
  }
}

async function main(): Promise<void> {
  let settings: Settings;
  try {
    // dist/server/main.js → dist/web, the built panel; server/main.ts (development) → web/.
    const defaultWebRoot = fileURLToPath(new URL('../web', import.meta.url));
    settings = loadSettings({ env: process.env, argv: process.argv.slice(2), defaultWebRoot });
  } catch (error) {
    console.error(`Settings are not valid: ${(error as Error).message}`);
    process.exit(2);
  }
  const log = createLogger(settings.logLevel);
  let running: RunningService;
  try {
    running = await startService(settings, log);
  } catch (error) {
    if (error instanceof StoreOpenError) {
      log.fatal({ storeError: error.code, file: error.file, reason: error.reason }, error.message);
      process.exit(3);
    }
    log.fatal({ err: error }, 'could not start');
    process.exit(1);
  }
  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    running.close().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  void main();
}
