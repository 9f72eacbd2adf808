/**
 * The recovery objectives of a previewed program: read back from its `objectives` stack output
 * (plain data in the engine's wire form, as topology/objectives.ts exports it), printed as a table
 * and put in the JSON report.
 */
import { renderObjectivesTable } from "../objectives/table";
import { RunbookOutputError, readRunbook } from "./runbook-report";
import { SECRET_SIG, SIG_KEY, UNKNOWN_SENTINEL, type ReportObjective } from "./types";
import { isRecord } from "../core/records";

/** The stack output the program exports its objectives under. */
export const OBJECTIVES_OUTPUT = "objectives";

/** Thrown when the `objectives` output is not what the program is documented to export. */
export class ObjectivesOutputError extends Error {
  constructor(message: string) {
    super(`The stack output "${OBJECTIVES_OUTPUT}" ${message}`);
    this.name = "ObjectivesOutputError";
  }
}

export interface ObjectivesReport {
  readonly rows: readonly ReportObjective[];
  /** Regions priced as another region, over every dataset. */
  readonly pricedAs: Readonly<Record<string, string>>;
}

const METRICS = ["rpo", "rto", "cost"] as const;

/** A plain value of the output: secrets are unwrapped, an unknown value is an error. */
function plain(value: unknown, where: string): unknown {
  if (value === UNKNOWN_SENTINEL) {
    throw new ObjectivesOutputError(`has an unknown value at ${where}; it must be plain data.`);
  }
  if (Array.isArray(value)) return value.map((item, index) => plain(item, `${where}[${index}]`));
  if (isRecord(value)) {
    if (value[SIG_KEY] === SECRET_SIG) return plain(value.value, where);
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, plain(item, `${where}.${key}`)]),
    );
  }
  return value;
}

function figure(value: unknown, where: string, unbounded: boolean): number | null {
  if (unbounded && value === null) return null;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw new ObjectivesOutputError(
    `has ${JSON.stringify(value)} at ${where}, but must have a number${unbounded ? " or null (unbounded)" : ""}.`,
  );
}

function text(value: unknown, where: string): string {
  if (typeof value === "string") return value;
  throw new ObjectivesOutputError(
    `has ${JSON.stringify(value)} at ${where}, but must have a string.`,
  );
}

function decodeRow(
  value: unknown,
  where: string,
): { row: ReportObjective; pricedAs: Record<string, string> } {
  if (!isRecord(value)) {
    throw new ObjectivesOutputError(
      `has ${JSON.stringify(value)} at ${where}, but must have an object.`,
    );
  }
  const objective = value.objective;
  if (!isRecord(objective)) {
    throw new ObjectivesOutputError(`has no objective at ${where}.objective.`);
  }
  if (typeof value.met !== "boolean") {
    throw new ObjectivesOutputError(
      `has ${JSON.stringify(value.met)} at ${where}.met, but must have true or false.`,
    );
  }
  const misses = Array.isArray(value.misses) ? value.misses : [];
  const pricedAs: Record<string, string> = {};
  let restore: ReportObjective["restore"];
  try {
    restore = readRunbook(value.restore, `${where}.restore`);
  } catch (err) {
    if (err instanceof RunbookOutputError) throw new ObjectivesOutputError(err.message);
    throw err;
  }
  if (isRecord(value.pricedAs)) {
    for (const [region, standIn] of Object.entries(value.pricedAs)) {
      pricedAs[region] = text(standIn, `${where}.pricedAs.${region}`);
    }
  }
  return {
    row: {
      dataset: text(value.dataset, `${where}.dataset`),
      rpoMinutes: figure(value.rpoMinutes, `${where}.rpoMinutes`, true),
      rtoMinutes: figure(value.rtoMinutes, `${where}.rtoMinutes`, true),
      monthlyCostUsd: figure(value.monthlyCostUsd, `${where}.monthlyCostUsd`, false) ?? 0,
      objective: {
        rpoMinutes: figure(objective.rpoMinutes, `${where}.objective.rpoMinutes`, false) ?? 0,
        rtoMinutes: figure(objective.rtoMinutes, `${where}.objective.rtoMinutes`, false) ?? 0,
        monthlyBudgetUsd:
          figure(objective.monthlyBudgetUsd, `${where}.objective.monthlyBudgetUsd`, false) ?? 0,
      },
      met: value.met,
      misses: misses.map((miss: unknown, index) => {
        const at = `${where}.misses[${index}]`;
        if (!isRecord(miss) || !METRICS.includes(miss.metric as (typeof METRICS)[number])) {
          throw new ObjectivesOutputError(
            `has ${JSON.stringify(miss)} at ${at}, but must have a miss of rpo, rto or cost.`,
          );
        }
        return {
          metric: miss.metric as (typeof METRICS)[number],
          computed: figure(miss.computed, `${at}.computed`, true),
          objective: figure(miss.objective, `${at}.objective`, false) ?? 0,
          drivenBy: text(miss.drivenBy, `${at}.drivenBy`),
          setting: text(miss.setting, `${at}.setting`),
        };
      }),
      ...(restore === undefined ? {} : { restore }),
    },
    pricedAs,
  };
}

/**
 * Reads the objectives from a program's stack outputs (wire form); undefined when the program
 * exports none.
 */
export function readObjectives(
  outputs: Readonly<Record<string, unknown>>,
): ObjectivesReport | undefined {
  const raw = outputs[OBJECTIVES_OUTPUT];
  if (raw === undefined) return undefined;
  const value = plain(raw, OBJECTIVES_OUTPUT);
  if (!Array.isArray(value)) {
    throw new ObjectivesOutputError(`is ${JSON.stringify(value)}, but must be a list of datasets.`);
  }
  const pricedAs: Record<string, string> = {};
  const rows = value.map((item: unknown, index) => {
    const decoded = decodeRow(item, `${OBJECTIVES_OUTPUT}[${index}]`);
    Object.assign(pricedAs, decoded.pricedAs);
    return decoded.row;
  });
  return { rows, pricedAs };
}

const unbounded = (minutes: number | null): number => minutes ?? Number.POSITIVE_INFINITY;

/** The table printed after the resource tree, with a note on regions priced as others. */
export function renderObjectivesReport(report: ObjectivesReport): string {
  const met = report.rows.filter((row) => row.met).length;
  const lines = [
    `Recovery objectives (worst case computed from the design): ${met} of ${report.rows.length} datasets meet theirs`,
    "",
    renderObjectivesTable(
      report.rows.map((row) => ({
        dataset: row.dataset,
        rpoMinutes: unbounded(row.rpoMinutes),
        rtoMinutes: unbounded(row.rtoMinutes),
        monthlyCostUsd: row.monthlyCostUsd,
        met: row.met,
        misses: row.misses.map((miss) => ({ ...miss, computed: unbounded(miss.computed) })),
      })),
    ),
  ];
  const stand = Object.entries(report.pricedAs).sort(([a], [b]) => a.localeCompare(b));
  if (stand.length > 0) {
    lines.push(
      "",
      `note: ${stand.map(([region, as]) => `${region} is priced as ${as}`).join(", ")} (hybrid-backup:objectives.priceAs): the price file has no prices there.`,
    );
  }
  return lines.join("\n");
}
