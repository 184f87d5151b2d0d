// "Check what works" for an account or an MS365 entry (admin-only: it is a POST).
import type { CapabilityReportWire } from '../../../server/http/contract/capabilities.js';
import { request } from './client.js';

export type CapabilityReport = CapabilityReportWire;
export type CapabilityFeature = CapabilityReportWire['features'][number];

export const checkAccountCapabilities = (accountId: string) =>
  request<CapabilityReport>(`api/accounts/${encodeURIComponent(accountId)}/capabilities`, { method: 'POST' });

export const checkEntryCapabilities = (entryId: string) =>
  request<CapabilityReport>(`api/ms365/entries/${encodeURIComponent(entryId)}/capabilities`, { method: 'POST' });
