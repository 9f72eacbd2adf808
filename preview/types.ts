/**
 * The shapes the offline preview records and reports.
 *
 * Inputs are kept in the engine's wire form (the `google.protobuf.Struct` the SDK sends to the
 * resource monitor, as plain JavaScript): a value unknown during preview is the string
 * {@link UNKNOWN_SENTINEL}, a secret is `{ [SIG_KEY]: SECRET_SIG, value }`, a resource reference is
 * `{ [SIG_KEY]: RESOURCE_SIG, urn, id? }`. That is exactly what the engine hands to a policy pack.
 */
import type { RestoreRunbook } from "../objectives/runbook";

/** The engine's marker for a value not known until the resource is created. */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The key that marks a special object in the wire form. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret value in the wire form. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The signature of a resource reference in the wire form. */
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/** One resource registration, as the engine would see it. */
export interface RecordedResource {
  readonly urn: string;
  /** Type token, for example `aws:backup/vault:Vault` or `hybrid-backup:index:BackupVault`. */
  readonly type: string;
  readonly name: string;
  /** True for provider-managed (custom) resources, false for components. */
  readonly custom: boolean;
  /** Set for a remote component: a plugin would create its children, which the preview never sees. */
  readonly remote?: boolean;
  /** URN of the parent; the stack resource for top-level resources; undefined for the stack. */
  readonly parent?: string;
  /** Provider reference (`<provider urn>::<provider id>`) when one was set explicitly. */
  readonly provider?: string;
  /** Inputs in wire form (see the file comment). */
  readonly inputs: Record<string, unknown>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  /** URNs this resource depends on (explicit `dependsOn` and input dependencies). */
  readonly dependencies: readonly string[];
  /** For each input property, the URNs it depends on. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** A policy violation reported by a policy pack. */
export interface PolicyViolation {
  readonly policyPack: string;
  readonly policy: string;
  readonly enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled";
  readonly severity?: string;
  /** The resource the violation is about; undefined for stack-level violations without a URN. */
  readonly urn?: string;
  readonly message: string;
}

/** The full report of one offline preview (`--json FILE`). */
export interface PreviewReport {
  readonly stack: string;
  readonly project: string;
  readonly program: string;
  readonly resources: ReportResource[];
  readonly outputs: Record<string, unknown>;
  readonly policies?: {
    readonly packs: readonly string[];
    readonly violations: readonly PolicyViolation[];
  };
  readonly objectives?: readonly ReportObjective[];
  /** False when remote components hid part of the program from the gate. */
  readonly complete?: boolean;
  /** The remote components of the program, whose children a plugin would create. */
  readonly remoteComponents?: readonly { urn: string; type: string; name: string }[];
  /** Each invoke the program called, with how it was answered. */
  readonly invokes?: Readonly<Record<string, "offline" | "user" | "unknown">>;
}

/**
 * The recovery objectives of one dataset in the JSON report: worst-case figures computed from the
 * design (null: unbounded), the objective, whether it is met, and each miss with the setting
 * behind it (as a design path and as a stack config key).
 */
export interface ReportObjective {
  readonly dataset: string;
  readonly rpoMinutes: number | null;
  readonly rtoMinutes: number | null;
  readonly monthlyCostUsd: number;
  readonly objective: {
    readonly rpoMinutes: number;
    readonly rtoMinutes: number;
    readonly monthlyBudgetUsd: number;
  };
  readonly met: boolean;
  readonly misses: readonly {
    readonly metric: "rpo" | "rto" | "cost";
    readonly computed: number | null;
    readonly objective: number;
    readonly drivenBy: string;
    readonly setting: string;
  }[];
  /** The dataset's restore runbook, when the program exports one. */
  readonly restore?: RestoreRunbook;
}

/** A resource as it appears in the JSON report: unknowns and secrets made readable. */
export interface ReportResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent: string | null;
  readonly provider: string | null;
  readonly custom: boolean;
  readonly inputs: Record<string, unknown>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly dependencies: readonly string[];
}
