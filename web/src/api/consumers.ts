// Consumers: other add-ons and scripts holding a key to get tokens.
import { request } from './client.js';
import type { ConsumerChangeRequest, ConsumerRequest } from '../../../server/http/contract/ui.js';
import type { ConsumerView, CreatedConsumerView } from './types.js';

export type { ConsumerChangeRequest, ConsumerRequest };

export const fetchConsumers = async (signal?: AbortSignal) =>
  (await request<{ consumers: ConsumerView[] }>('api/consumers', { signal })).consumers;

export const createConsumer = (input: ConsumerRequest) =>
  request<CreatedConsumerView>('api/consumers', { method: 'POST', json: input });

/** Changes a consumer in place: its key stays valid. */
export const updateConsumer = (id: string, input: ConsumerChangeRequest) =>
  request<ConsumerView>(`api/consumers/${encodeURIComponent(id)}`, { method: 'PATCH', json: input });

export const revokeConsumer = (id: string) => request<void>(`api/consumers/${encodeURIComponent(id)}`, { method: 'DELETE' });
