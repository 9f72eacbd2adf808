/**
 * Stores of record and the resources judged only by advice: what the tagging policies apply to.
 */
import { PolicyResource } from "@pulumi/policy";
import type { ClassificationConfig } from "./config";
import { StackIndex } from "./policy-kit";
import { Findings } from "./report";
import { bucketClasses } from "./s3";
import { BUCKET_TYPES, COMPUTE_TYPES } from "./types";

/**
 * Stores of record: resources of the configured store types and buckets that show they hold
 * backups or archives. A bucket whose evidence is unknown during preview gets a note.
 */
export function storesOfRecord(
  stack: StackIndex,
  config: ClassificationConfig & { readonly storeTypes: readonly string[] },
  findings: Findings,
): PolicyResource[] {
  const classes = bucketClasses(stack, config);
  const buckets = stack.ofType(...BUCKET_TYPES).filter((bucket) => {
    const found = classes.get(bucket.urn);
    if (found?.holds === "unknown") findings.unknown(found.note);
    return found?.holds === true;
  });
  const types = config.storeTypes.filter((type) => !BUCKET_TYPES.includes(type));
  return [...stack.ofType(...types), ...buckets];
}

/** Compute and buckets with no sign of holding data: advice only. */
export function adviceOnly(stack: StackIndex, config: ClassificationConfig): PolicyResource[] {
  const classes = bucketClasses(stack, config);
  const buckets = stack
    .ofType(...BUCKET_TYPES)
    .filter((bucket) => classes.get(bucket.urn)?.holds === false);
  return [...stack.ofType(...COMPUTE_TYPES), ...buckets];
}
