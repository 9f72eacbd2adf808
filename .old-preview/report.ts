/**
 * Turns recorded registrations into the JSON report: wire-form markers become readable, secrets
 * are redacted, and nothing unknown is guessed.
 */
import {
  RESOURCE_SIG,
  SECRET_SIG,
  SIG_KEY,
  UNKNOWN_SENTINEL,
  type PreviewReport,
  type RecordedResource,
  type ReportResource,
} from "./types";

/** How a value unknown during preview appears in the report. */
export const UNKNOWN_MARK = { $unknown: true } as const;
/** How a secret appears in the report: the value is never written out. */
export const SECRET_MARK = { $secret: true } as const;

/** Decodes one wire-form value for the report. */
export function readable(value: unknown): unknown {
  if (value === UNKNOWN_SENTINEL) return UNKNOWN_MARK;
  if (Array.isArray(value)) return value.map(readable);
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) return SECRET_MARK;
    if (record[SIG_KEY] === RESOURCE_SIG) return { $resource: record.urn };
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, readable(v)]));
  }
  return value;
}

export function reportResource(resource: RecordedResource): ReportResource {
  return {
    urn: resource.urn,
    type: resource.type,
    name: resource.name,
    parent: resource.parent ?? null,
    provider: resource.provider ?? null,
    custom: resource.custom,
    inputs: readable(resource.inputs) as Record<string, unknown>,
    protect: resource.protect,
    retainOnDelete: resource.retainOnDelete,
    dependencies: [...resource.dependencies],
  };
}

export interface ReportParts {
  readonly stack: string;
  readonly project: string;
  readonly program: string;
  readonly resources: readonly RecordedResource[];
  readonly outputs: Record<string, unknown>;
}

export function buildReport(parts: ReportParts): PreviewReport {
  return {
    stack: parts.stack,
    project: parts.project,
    program: parts.program,
    resources: parts.resources.map(reportResource),
    outputs: readable(parts.outputs) as Record<string, unknown>,
  };
}
