/** A plain-text table of dataset evaluations: dataset, RPO, RTO, cost and whether it is met. */
import { formatMinutes } from "./durations";
import type { DatasetEvaluation, Miss } from "./index";

export { formatMinutes };

/** USD with two decimals and thousands separators: `$1,234.50`. */
export function formatUsd(usd: number): string {
  return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function formatMiss(miss: ObjectivesTableRow["misses"][number]): string {
  switch (miss.metric) {
    case "rpo":
      return `RPO ${formatMinutes(miss.computed)} > ${formatMinutes(miss.objective)} (${miss.drivenBy})`;
    case "rto":
      return `RTO ${formatMinutes(miss.computed)} > ${formatMinutes(miss.objective)} (${miss.drivenBy})`;
    case "cost":
      return `cost ${formatUsd(miss.computed)} > ${formatUsd(miss.objective)} (${miss.drivenBy})`;
  }
}

/** What a row of the table shows: an evaluation, or the same figures read back from elsewhere. */
export type ObjectivesTableRow = Pick<
  DatasetEvaluation,
  "dataset" | "rpoMinutes" | "rtoMinutes" | "monthlyCostUsd" | "met"
> & { readonly misses: readonly Pick<Miss, "metric" | "computed" | "objective" | "drivenBy">[] };

/** Renders evaluations as an aligned text table, one dataset a row. */
export function renderObjectivesTable(evaluations: readonly ObjectivesTableRow[]): string {
  const header = ["Dataset", "RPO", "RTO", "Cost/month", "Objective met?"];
  const rows = evaluations.map((evaluation) => [
    evaluation.dataset,
    formatMinutes(evaluation.rpoMinutes),
    formatMinutes(evaluation.rtoMinutes),
    formatUsd(evaluation.monthlyCostUsd),
    evaluation.met ? "yes" : `no: ${evaluation.misses.map(formatMiss).join("; ")}`,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  // Figures are right-aligned; names and the verdict are left-aligned.
  const rightAligned = new Set([1, 2, 3]);
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? cell.length;
        return rightAligned.has(column) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}
