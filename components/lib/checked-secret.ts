import * as pulumi from "@pulumi/pulumi";
import { type SecretCheck, secretProblem } from "../../core";

/**
 * A secret output of `input` that fails with `[path] <problem>` when the resolved value does not
 * pass `check`: how components check secrets they only receive as outputs.
 */
export function checkedSecret(
  input: pulumi.Input<string>,
  check: SecretCheck,
  path: string,
  resource: pulumi.Resource,
): pulumi.Output<string> {
  return pulumi.secret(
    pulumi.output(input).apply((value) => {
      const problem = secretProblem(value, check);
      if (problem !== undefined) throw new pulumi.ResourceError(`[${path}] ${problem}`, resource);
      return value;
    }),
  );
}
