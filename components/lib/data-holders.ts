/**
 * Resource options of what holds recovery points, archives or the keys that decrypt them: kept by
 * AWS when the resource leaves the program (`retainOnDelete`) unless a caller opts out, and
 * additionally guarded by Pulumi `protect` when asked.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { DataHolderSettings } from "../../core/data-holders";

export type { DataHolderSettings };

/** The options of a data holder under `parent`, from the component's settings. */
export function dataHolderOptions(
  parent: pulumi.Resource,
  settings: DataHolderSettings,
  opts: pulumi.CustomResourceOptions = {},
): pulumi.CustomResourceOptions {
  return {
    ...opts,
    parent,
    protect: settings.protect ?? false,
    retainOnDelete: settings.retainOnDelete ?? true,
  };
}
