// Consumers: other add-ons and scripts holding a key to get tokens.
import { request } from './client.js';
import type { ConsumerView } from './types.js';

export const fetchConsumers = async (signal?: AbortSignal) =>
  (await request<{ consumers: ConsumerView[] }>('api/consumers', { signal })).consumers;

export const createConsumer = (input: { name: string; account_ids: string[]; allowed_scopes: string[] }) =>
  request<ConsumerView & { key: string }>('api/consumers', { method: 'POST', json: input });

export const revokeConsumer = (id: string) => request<void>(`api/consumers/${encodeURIComponent(id)}`, { method: 'DELETE' });
