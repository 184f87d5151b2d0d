// The service's summary: mode, clouds, redirect URIs, counts.
import { request } from './client.js';
import type { ServiceStatus } from './types.js';

export const fetchStatus = (signal?: AbortSignal) => request<ServiceStatus>('api/status', { signal });
