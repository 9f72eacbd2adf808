/**
 * Reads a Pulumi project (`Pulumi.yaml`) and one of its stack files (`Pulumi.<stack>.yaml`) the way
 * the Pulumi CLI hands them to a Node.js program: every config value as a string, structured
 * values as JSON, and the keys holding secrets listed apart.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";

/** What the preview needs from `Pulumi.yaml`. */
export interface ProjectFile {
  readonly name: string;
  readonly runtime: string;
  /** Absolute path of the program's entry file. */
  readonly main: string;
}

/** Config of one stack, in the form `pulumi.runtime.setAllConfig` takes. */
export interface StackConfigFile {
  readonly stack: string;
  readonly config: Record<string, string>;
  readonly secretKeys: string[];
  /** Keys whose secure values could not be decrypted offline and carry a placeholder. */
  readonly placeholders: string[];
}

/** Stands in for a `secure:` value, which only the Pulumi CLI can decrypt. */
export const SECRET_PLACEHOLDER = "[secret]";

/** Raised for a project or stack file that cannot be used; the message says which and why. */
export class ProjectFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProjectFileError";
  }
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new ProjectFileError(`Cannot read ${file}: the file does not exist or is not readable.`);
  }
  try {
    return yaml.load(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new ProjectFileError(`${file} is not valid YAML: ${reason}`);
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function readProjectFile(programDir: string): ProjectFile {
  const file = path.join(programDir, "Pulumi.yaml");
  const doc = readYaml(file);
  if (!isMap(doc) || typeof doc.name !== "string" || doc.name === "") {
    throw new ProjectFileError(`${file} must be a map with a non-empty "name".`);
  }
  const runtime = isMap(doc.runtime) ? doc.runtime.name : doc.runtime;
  if (runtime !== "nodejs") {
    throw new ProjectFileError(
      `${file} has runtime ${JSON.stringify(runtime)}, but the offline preview runs only "nodejs" programs.`,
    );
  }
  const mainSetting = typeof doc.main === "string" ? doc.main : ".";
  let main = path.resolve(programDir, mainSetting);
  if (fs.existsSync(main) && fs.statSync(main).isDirectory()) {
    const candidates = ["index.ts", "index.js"].map((f) => path.join(main, f));
    const found = candidates.find((f) => fs.existsSync(f));
    if (found === undefined) {
      throw new ProjectFileError(`${file}: no index.ts or index.js in ${main}.`);
    }
    main = found;
  } else if (!fs.existsSync(main)) {
    throw new ProjectFileError(
      `${file} names main ${JSON.stringify(mainSetting)}, which does not exist.`,
    );
  }
  return { name: doc.name, runtime, main };
}

/** Replaces every `{ secure: ... }` leaf with a placeholder and says whether it found one. */
function stripSecure(value: unknown): { value: unknown; secure: boolean } {
  if (Array.isArray(value)) {
    let secure = false;
    const items = value.map((item) => {
      const r = stripSecure(item);
      secure ||= r.secure;
      return r.value;
    });
    return { value: items, secure };
  }
  if (isMap(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "secure") {
      return { value: SECRET_PLACEHOLDER, secure: true };
    }
    let secure = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = stripSecure(v);
      secure ||= r.secure;
      out[k] = r.value;
    }
    return { value: out, secure };
  }
  return { value, secure: false };
}

/** Qualifies a config key with the project name when it has no namespace, as the CLI does. */
export function qualifyKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

export function readStackFile(programDir: string, project: string, stack: string): StackConfigFile {
  const file = path.join(programDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    throw new ProjectFileError(
      `No stack file Pulumi.${stack}.yaml in ${programDir}: create it or pick another --stack.`,
    );
  }
  const doc = readYaml(file) ?? {};
  if (!isMap(doc)) {
    throw new ProjectFileError(`${file} must be a map.`);
  }
  const raw = doc.config ?? {};
  if (!isMap(raw)) {
    throw new ProjectFileError(`${file}: "config" must be a map of keys to values.`);
  }
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const placeholders: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const fullKey = qualifyKey(project, key);
    const { value: plain, secure } = stripSecure(value);
    if (secure) {
      secretKeys.push(fullKey);
      placeholders.push(fullKey);
    }
    config[fullKey] = typeof plain === "string" ? plain : JSON.stringify(plain);
  }
  return { stack, config, secretKeys, placeholders };
}
