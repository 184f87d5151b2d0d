// The consumer API's audit lines (newest first): who got a token or called Graph, and what happened.
import { request } from './client.js';
import type { AuditLine } from './types.js';

export const fetchAudit = async (limit = 200, signal?: AbortSignal) =>
  (await request<{ entries: AuditLine[] }>(`api/audit?limit=${limit}`, { signal })).entries;
