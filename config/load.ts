/**
 * Reads the stack configuration through `pulumi.Config` and validates it before anything is
 * created. Secrets are read with the secret getters so they stay secret in state.
 */
import * as pulumi from "@pulumi/pulumi";
import { formatIssues, type Issue } from "../components/lib/validation";
import {
  NAMESPACE,
  PROJECT,
  sections,
  validateStackConfig,
  type StackConfig,
} from "./stack-config";

/** Thrown when the stack configuration is invalid; the message lists every problem. */
export class StackConfigError extends pulumi.RunError {
  constructor(readonly issues: readonly Issue[]) {
    const noun = issues.length === 1 ? "problem" : "problems";
    super(
      `The stack configuration has ${issues.length} ${noun}:\n${formatIssues(issues)}\n` +
        "Fix the keys named above in Pulumi.<stack>.yaml (or with `pulumi config set`).",
    );
    this.name = "StackConfigError";
  }
}

function readValue(config: pulumi.Config, key: string): unknown {
  const text = config.get(key);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Plain scalars (`hybrid-backup:environment: prod`) are not JSON.
    return text;
  }
}

/** Every key of the project namespace, including ones no section knows (to report typos). */
function namespaceKeys(): string[] {
  return Object.keys(pulumi.runtime.allConfig())
    .filter((key) => key.startsWith(NAMESPACE))
    .map((key) => key.slice(NAMESPACE.length));
}

/** Reads and validates the configuration of the current stack; throws {@link StackConfigError}. */
export function loadStackConfig(): StackConfig {
  const config = new pulumi.Config(PROJECT);
  const keys = new Set([...Object.keys(sections), ...namespaceKeys()]);
  const values: Record<string, unknown> = {};
  for (const key of keys) {
    const value = readValue(config, key);
    if (value !== undefined) values[key] = value;
  }
  const region = new pulumi.Config("aws").get("region");
  const result = validateStackConfig(values, region);
  if (result.config === undefined) {
    throw new StackConfigError(result.issues);
  }
  return result.config;
}
