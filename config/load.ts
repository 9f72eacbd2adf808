/**
 * Reads the stack configuration through `pulumi.Config` and validates it before anything is
 * created. Secrets are read with the secret getters so they stay secret in state.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as yaml from "js-yaml";
import { Issues, formatIssues, type Issue } from "../core";
import { SECRETS_KEY, checkSecretsInClear } from "./sections/secrets";
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

/**
 * Whether Pulumi marked a config key secret (the runtime's own test, which its typings keep
 * internal); true when the runtime does not say, so that only a known clear-text value is refused.
 */
function isConfigSecret(key: string): boolean {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean };
  return runtime.isConfigSecret?.(key) ?? true;
}

/**
 * The `hybrid-backup:secrets` section as written in `Pulumi.<stack>.yaml` of the project, or
 * undefined when the file or the key is absent (config from elsewhere) or unreadable.
 */
function secretsInStackFile(projectDir: string): unknown {
  const file = path.join(projectDir, `Pulumi.${pulumi.getStack()}.yaml`);
  try {
    const doc = yaml.load(fs.readFileSync(file, "utf8")) as
      | { config?: Record<string, unknown> }
      | undefined;
    // Pulumi qualifies a key written without its namespace with the project's name.
    return doc?.config?.[SECRETS_KEY] ?? doc?.config?.[SECRETS_KEY.slice(NAMESPACE.length)];
  } catch {
    // No stack file, or one Pulumi itself will reject: the runtime check below still applies.
    return undefined;
  }
}

/**
 * Reads and validates the configuration of the current stack; throws {@link StackConfigError}.
 * `projectDir` holds `Pulumi.yaml` and the stack files.
 */
export function loadStackConfig(projectDir: string = path.resolve(__dirname, "..")): StackConfig {
  const config = new pulumi.Config(PROJECT);
  const keys = new Set([...Object.keys(sections), ...namespaceKeys()]);
  const values: Record<string, unknown> = {};
  for (const key of keys) {
    const value = readValue(config, key);
    if (value !== undefined) values[key] = value;
  }
  const region = new pulumi.Config("aws").get("region");
  const clearText = new Issues(NAMESPACE);
  checkSecretsInClear(
    {
      value: values.secrets,
      isSecret: isConfigSecret(SECRETS_KEY),
      stackFileValue: secretsInStackFile(projectDir),
    },
    clearText,
  );
  const result = validateStackConfig(values, region);
  if (clearText.count > 0 || result.config === undefined) {
    throw new StackConfigError([...clearText.all, ...result.issues]);
  }
  return result.config;
}
