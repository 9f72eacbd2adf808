/**
 * Resource options of what holds recovery points, archives or the keys that decrypt them: kept by
 * AWS when the resource leaves the program (`retainOnDelete`) unless a caller opts out, and
 * additionally guarded by Pulumi `protect` when asked.
 */
import type * as pulumi from "@pulumi/pulumi";

export interface DataHolderSettings {
  /** Marks every data holder with Pulumi `protect`. @default false */
  readonly protect?: boolean;
  /**
   * Leaves every data holder in AWS when it is deleted from the program or the stack is
   * destroyed. Only a stack that holds no data worth keeping should set it to false.
   * @default true
   */
  readonly retainOnDelete?: boolean;
}

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
