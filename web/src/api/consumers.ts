// Consumers: other add-ons and scripts holding a key to get tokens.
import { request } from './client.js';
import type { ConsumerView, CreatedConsumerView } from './types.js';

export const fetchConsumers = async (signal?: AbortSignal) =>
  (await request<{ consumers: ConsumerView[] }>('api/consumers', { signal })).consumers;

export interface ConsumerInput {
  name: string;
  account_ids: string[];
  allowed_scopes: string[];
  rate_limit_per_minute?: number;
}

export const createConsumer = (input: ConsumerInput) =>
  request<CreatedConsumerView>('api/consumers', { method: 'POST', json: input });

/** Changes a consumer in place: its key stays valid. */
export const updateConsumer = (id: string, input: Partial<ConsumerInput>) =>
  request<ConsumerView>(`api/consumers/${encodeURIComponent(id)}`, { method: 'PATCH', json: input });

export const revokeConsumer = (id: string) => request<void>(`api/consumers/${encodeURIComponent(id)}`, { method: 'DELETE' });
