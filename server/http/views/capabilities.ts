// "Check what works" across the wire: the domain's report in snake_case, checked against the
// contract's schema so an answer never carries a field the schema does not name.
import type { CapabilityReport } from '../../capabilities/check.js';
import { capabilityReport, type CapabilityReportWire } from '../contract/capabilities.js';

export function toCapabilityWire(report: CapabilityReport): CapabilityReportWire {
  return capabilityReport.parse({
    checked_at: report.checkedAt,
    features: report.features.map((f) => ({
      feature: f.feature,
      verdict: f.verdict,
      detail: f.detail,
      ...(f.count !== undefined ? { count: f.count } : {}),
      ...(f.permission !== undefined ? { permission: f.permission } : {}),
    })),
  });
}
