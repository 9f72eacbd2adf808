/**
 * The configuration reference as a Markdown table, generated from the schemas so that it cannot
 * drift from what the program accepts. `npm run docs:config` rewrites it in docs/configuration.md.
 */
import { NAMESPACE, stackConfigSchema } from "./stack-config";

export const REFERENCE_START = "<!-- config-reference:start -->";
export const REFERENCE_END = "<!-- config-reference:end -->";

function cell(text: string | undefined): string {
  return (text ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function configReference(): string {
  const rows = stackConfigSchema.docs(NAMESPACE);
  const lines = [
    "| key | type | required | default | allowed | description |",
    "| --- | --- | --- | --- | --- | --- |",
    "| `aws:region` | string | yes |  | an AWS region name | Region of the workload account. |",
    ...rows.map(
      (r) =>
        `| \`${cell(r.path)}\` | ${cell(r.type)} | ${r.required ? "yes" : "no"} | ${r.default === undefined ? "" : `\`${cell(r.default)}\``} | ${cell(r.allowed)} | ${cell(r.description)} |`,
    ),
  ];
  return lines.join("\n");
}

/** Replaces the reference between the markers of a Markdown text. */
export function withReference(readme: string): string {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  if (start < 0 || end < start) {
    throw new Error(`The text has no ${REFERENCE_START} ... ${REFERENCE_END} block.`);
  }
  return `${readme.slice(0, start + REFERENCE_START.length)}\n${configReference()}\n${readme.slice(end)}`;
}
