/**
 * Resolves where a component's children live (account, partition, DNS suffix, region) through the
 * component's own provider, so that policy documents name the right account and partition whether
 * the component runs with the default provider or an explicit cross-account one.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Placement } from "../../core";

/** `region`: the v7 `region` input the component was given, if any. */
export function placementOf(
  parent: pulumi.Resource,
  region: string | undefined,
): pulumi.Output<Placement> {
  const identity = aws.getCallerIdentityOutput({}, { parent });
  const partition = aws.getPartitionOutput({}, { parent });
  const regionName =
    region === undefined ? aws.getRegionOutput({}, { parent }).region : pulumi.output(region);
  return pulumi
    .all([identity.accountId, partition.partition, partition.dnsSuffix, regionName])
    .apply(([accountId, partitionName, dnsSuffix, regionValue]) => ({
      accountId,
      partition: partitionName,
      dnsSuffix,
      region: regionValue,
    }));
}
