// The check's dependencies as the HTTP routes take them from the wired services.
import type { Services } from '../services.js';
import type { CapabilityDeps } from './run-check.js';

export function capabilityDeps(services: Pick<Services, 'store' | 'broker' | 'endpoints' | 'now' | 'log'>): CapabilityDeps {
  return { store: services.store, broker: services.broker, endpoints: services.endpoints, now: services.now, log: services.log.child({ component: 'capabilities' }) };
}
