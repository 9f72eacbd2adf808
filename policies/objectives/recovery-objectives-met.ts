import { PolicyResource } from "@pulumi/policy";
import { flag, text } from "../lib/config";
import { propsOf, providerPropsOf, stackPolicy } from "../lib/policy-kit";
import { couldNotCheck, label, show } from "../lib/report";
import { TagView } from "../lib/tags";
import { T } from "../lib/types";
import { Prop } from "../lib/values";
import { isRecord } from "../../core/records";

type Metric = "rpo" | "rto" | "cost";

interface FigureSource {
  readonly design: string;
  readonly setting: string;
}

/** The part of a record the policy reads. */
interface ObjectivesRecord {
  readonly dataset: string;
  readonly figures: Readonly<Record<Metric, number | null>>;
  readonly objective: Readonly<Record<Metric, number>>;
  readonly drivenBy: Readonly<Record<Metric, FigureSource>>;
}

const METRICS: readonly Metric[] = ["rpo", "rto", "cost"];
const FIGURE_KEYS: Readonly<Record<Metric, string>> = {
  rpo: "rpoMinutes",
  rto: "rtoMinutes",
  cost: "monthlyCostUsd",
};
const OBJECTIVE_KEYS: Readonly<Record<Metric, string>> = {
  rpo: "rpoMinutes",
  rto: "rtoMinutes",
  cost: "monthlyBudgetUsd",
};

/** `1d 4h 5m (1685 minutes)`. */
export function minutesInWords(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days}d`);
  if (hours > 0) parts.push(`${hours}h`);
  if (rest > 0 || parts.length === 0) parts.push(`${rest}m`);
  return `${parts.join(" ")} (${minutes} minute${minutes === 1 ? "" : "s"})`;
}

/** `$1,234.50`. */
export function usd(amount: number): string {
  return `$${amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function isFigure(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/** Reads a record document, or says what is wrong with it. */
export function parseRecord(text: string): ObjectivesRecord | string {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return "it is not JSON";
  }
  if (!isRecord(document)) return "it is not a JSON object";
  const dataset = document.dataset;
  if (typeof dataset !== "string" || dataset === "") return "it names no dataset";
  const objective = document.objective;
  const drivenBy = document.drivenBy;
  if (!isRecord(objective)) return "it has no objective";
  if (!isRecord(drivenBy)) return "it does not say which settings drive its figures";
  const figures: Partial<Record<Metric, number | null>> = {};
  const objectives: Partial<Record<Metric, number>> = {};
  const sources: Partial<Record<Metric, FigureSource>> = {};
  for (const metric of METRICS) {
    const figure = document[FIGURE_KEYS[metric]];
    // An unbounded figure (a backlog that never drains) is recorded as null.
    if (!(isFigure(figure) || (figure === null && metric !== "cost"))) {
      return `its ${FIGURE_KEYS[metric]} is ${show(figure)}, not a figure`;
    }
    figures[metric] = figure;
    const target = objective[OBJECTIVE_KEYS[metric]];
    if (!isFigure(target)) {
      return `its objective.${OBJECTIVE_KEYS[metric]} is ${show(target)}, not a figure`;
    }
    objectives[metric] = target;
    const source = drivenBy[metric];
    if (
      !isRecord(source) ||
      typeof source.design !== "string" ||
      typeof source.setting !== "string"
    ) {
      return `its drivenBy.${metric} does not name a design path and a setting`;
    }
    sources[metric] = { design: source.design, setting: source.setting };
  }
  return {
    dataset,
    figures: figures as Record<Metric, number | null>,
    objective: objectives as Record<Metric, number>,
    drivenBy: sources as Record<Metric, FigureSource>,
  };
}

function missMessage(record: ObjectivesRecord, metric: Metric): string | undefined {
  const figure = record.figures[metric];
  const objective = record.objective[metric];
  if (figure !== null && figure <= objective) return undefined;
  const source = record.drivenBy[metric];
  const cause =
    source.setting === source.design ? source.design : `${source.design} (${source.setting})`;
  const dataset = `Dataset ${show(record.dataset)}`;
  switch (metric) {
    case "rpo":
      return `${dataset} misses its RPO objective: the design's worst-case RPO is ${figure === null ? "unbounded" : minutesInWords(figure)}, but the objective is ${minutesInWords(objective)}; driven by ${cause}.`;
    case "rto":
      return `${dataset} misses its RTO objective: the design's worst-case RTO is ${figure === null ? "unbounded" : minutesInWords(figure)}, but the objective is ${minutesInWords(objective)}; driven by ${cause}.`;
    case "cost":
      return `${dataset} misses its budget: protecting it costs ${usd(figure ?? 0)} a month, but the budget is ${usd(objective)}; driven by ${cause}.`;
  }
}

export const recoveryObjectivesMet = stackPolicy({
  name: "recovery-objectives-met",
  description:
    "Every protected dataset's worst-case RPO, RTO and monthly cost, as the program recorded them from its backup design, meet the dataset's objectives.",
  severity: "high",
  remediationSteps:
    "Change the setting the message names (a schedule, a window, a lifecycle, a snapshot interval, " +
    "a bandwidth, an upload schedule or a retrieval tier), or, when the design is right and the " +
    "objective was wrong, agree a new objective and change it in the stack configuration.",
  configSchema: {
    properties: {
      roleTagKey: text(
        "Tag key that marks the SSM parameters holding recovery objectives.",
        "backup-role",
      ),
      roleTagValue: text("Value of the role tag on those parameters.", "recovery-objectives"),
      required: flag(
        "Whether a stack with backup plans must record recovery objectives (true for stacks that declare them).",
        false,
      ),
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const records: PolicyResource[] = [];
    for (const parameter of stack.ofType(T.ssmParameter)) {
      const role = TagView.of(propsOf(parameter), providerPropsOf(parameter)).get(
        config.roleTagKey,
      );
      if (role.isUnknown) {
        findings.unknown(
          couldNotCheck(
            role,
            `is ${show(config.roleTagValue)} (a recovery objectives record)`,
            parameter,
          ),
        );
      } else if (role.string() === config.roleTagValue) {
        records.push(parameter);
      }
    }
    if (records.length === 0) {
      const plans = stack.ofType(T.backupPlan).length;
      if (config.required && plans > 0) {
        findings.violation(
          `The stack deploys ${plans} backup plan${plans === 1 ? "" : "s"} but records no recovery objectives (no ${T.ssmParameter} tagged ${config.roleTagKey}: ${config.roleTagValue}), so nothing shows that its design meets them.`,
        );
        return;
      }
      args.notApplicable("The stack records no recovery objectives.");
    }
    for (const parameter of records) {
      const props = propsOf(parameter);
      const plain = props.get("insecureValue");
      const value: Prop = plain.isAbsent ? props.get("value") : plain;
      if (value.isUnknown) {
        findings.unknown(
          couldNotCheck(value, "records figures that meet their objectives", parameter),
        );
        continue;
      }
      const text = value.string();
      const record = text === undefined ? "it has no value" : parseRecord(text);
      if (typeof record === "string") {
        findings.violation(
          `${label(parameter)} [${value.path}] is not a recovery objectives record: ${record}.`,
          parameter.urn,
        );
        continue;
      }
      for (const metric of METRICS) {
        const message = missMessage(record, metric);
        if (message !== undefined) findings.violation(message, parameter.urn);
      }
    }
  },
});
