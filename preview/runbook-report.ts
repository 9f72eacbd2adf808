/**
 * The restore runbooks of a previewed program: read from each dataset's `restore` in the
 * `objectives` stack output, put in the JSON report as `objectives[i].restore`, and written as
 * Markdown by `npm start -- --runbook FILE`.
 */
import * as fs from "fs";
import { COPY_KINDS } from "../objectives/restore-sources";
import {
  type RestoreRunbook,
  type RunbookSource,
  type RunbookStep,
  renderRunbooksMarkdown,
} from "../objectives/runbook";
import { isRecord } from "../core/records";

/**
 * Thrown when a dataset's `restore` is not what the program is documented to export; the message
 * completes "The stack output "objectives" ...".
 */
export class RunbookOutputError extends Error {
  constructor(where: string, value: unknown, expected: string) {
    super(`has ${JSON.stringify(value)} at ${where}, but must have ${expected}.`);
    this.name = "RunbookOutputError";
  }
}

function text(value: unknown, where: string): string {
  if (typeof value === "string") return value;
  throw new RunbookOutputError(where, value, "a string");
}

function count(value: unknown, where: string): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw new RunbookOutputError(where, value, "a number");
}

function source(value: unknown, where: string): RunbookSource {
  if (!isRecord(value)) {
    throw new RunbookOutputError(where, value, "a restore source");
  }
  const kind = text(value.kind, `${where}.kind`);
  if (!(COPY_KINDS as readonly string[]).includes(kind)) {
    throw new RunbookOutputError(`${where}.kind`, kind, `one of ${COPY_KINDS.join(", ")}`);
  }
  return {
    kind: kind as RunbookSource["kind"],
    store: text(value.store, `${where}.store`) as RunbookSource["store"],
    name: text(value.name, `${where}.name`),
    arn: text(value.arn, `${where}.arn`),
    accountId: text(value.accountId, `${where}.accountId`),
    region: text(value.region, `${where}.region`),
    rpoMinutes: count(value.rpoMinutes, `${where}.rpoMinutes`),
    expectedRtoMinutes: count(value.expectedRtoMinutes, `${where}.expectedRtoMinutes`),
    restoreCostUsd: count(value.restoreCostUsd, `${where}.restoreCostUsd`),
  };
}

function step(value: unknown, where: string): RunbookStep {
  if (!isRecord(value) || (value.how !== "console" && value.how !== "cli")) {
    throw new RunbookOutputError(where, value, "a console or cli step");
  }
  return {
    source: text(value.source, `${where}.source`) as RunbookStep["source"],
    how: value.how,
    text: text(value.text, `${where}.text`),
  };
}

/**
 * A dataset's runbook from its plain `restore` value (`where` is its path in the output);
 * undefined when the program exports none.
 */
export function readRunbook(value: unknown, where: string): RestoreRunbook | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value) || !Array.isArray(value.sources) || !Array.isArray(value.steps)) {
    throw new RunbookOutputError(where, value, "a runbook with sources and steps");
  }
  return {
    sources: value.sources.map((item: unknown, index) =>
      source(item, `${where}.sources[${index}]`),
    ),
    steps: value.steps.map((item: unknown, index) => step(item, `${where}.steps[${index}]`)),
  };
}

/**
 * Writes the runbooks of the report's datasets as Markdown to `file`; returns how many datasets
 * had one.
 */
export function writeRunbooks(
  file: string,
  stack: string,
  rows: ReadonlyArray<{ readonly dataset: string; readonly restore?: RestoreRunbook }>,
): number {
  const runbooks = rows.flatMap((row) =>
    row.restore === undefined ? [] : [{ dataset: row.dataset, restore: row.restore }],
  );
  fs.writeFileSync(file, renderRunbooksMarkdown(stack, runbooks));
  return runbooks.length;
}
