/**
 * Reads a Pulumi project (`Pulumi.yaml`) and one of its stack files (`Pulumi.<stack>.yaml`) the way
 * the Pulumi CLI hands them to a Node.js program: every config value as a string, structured
 * values as JSON, and the keys holding secrets listed apart.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";

/** How a program's entry file is loaded: as an ES module or as CommonJS. */
export type ModuleKind = "esm" | "cjs";

/** What the preview needs from `Pulumi.yaml`. */
export interface ProjectFile {
  readonly name: string;
  readonly runtime: string;
  /** Absolute path of the program's entry file. */
  readonly main: string;
  /** The working directory the program runs in (the folder of `main` when it names a folder). */
  readonly workDir: string;
  /** How the entry file is loaded. */
  readonly moduleKind: ModuleKind;
  /** `runtime.options.nodeargs`, split into arguments for the node process. */
  readonly nodeArgs: readonly string[];
  /** `runtime.options.typescript: false` turns TypeScript support off, as in the CLI. */
  readonly typescript: boolean;
  /** Project-level config declarations (`config:` block), keys fully qualified. */
  readonly config: Readonly<Record<string, ProjectConfigEntry>>;
}

/** One declaration of the `config:` block of `Pulumi.yaml`. */
export interface ProjectConfigEntry {
  readonly type?: "string" | "integer" | "boolean" | "array";
  /** The default (or the fixed value of a provider key), in wire form (a string, JSON for structures). */
  readonly value?: string;
  readonly secret: boolean;
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

const ENTRY_CANDIDATES = [
  "index.ts",
  "index.js",
  "index.mts",
  "index.mjs",
  "index.cts",
  "index.cjs",
];
const EXTENSIONS = ["", ".ts", ".js", ".mts", ".mjs", ".cts", ".cjs"];

function isFile(file: string): boolean {
  return fs.existsSync(file) && fs.statSync(file).isFile();
}

function isDirectory(file: string): boolean {
  return fs.existsSync(file) && fs.statSync(file).isDirectory();
}

function readPackageJson(dir: string): Record<string, unknown> | undefined {
  const file = path.join(dir, "package.json");
  if (!isFile(file)) return undefined;
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    return isMap(parsed) ? parsed : undefined;
  } catch {
    throw new ProjectFileError(`${file} is not valid JSON.`);
  }
}

/**
 * The entry file of a program folder, as the Node.js language host finds it: the `main` of the
 * folder's package.json, else index.ts, else index.js (and their .mts/.mjs/.cts/.cjs forms).
 */
function entryOfFolder(dir: string, projectFile: string): string {
  const pkg = readPackageJson(dir);
  if (typeof pkg?.main === "string") {
    const base = path.resolve(dir, pkg.main);
    const found =
      EXTENSIONS.map((ext) => base + ext).find(isFile) ??
      (isDirectory(base)
        ? ENTRY_CANDIDATES.map((f) => path.join(base, f)).find(isFile)
        : undefined);
    if (found === undefined) {
      throw new ProjectFileError(
        `${path.join(dir, "package.json")} names main ${JSON.stringify(pkg.main)}, which does not exist.`,
      );
    }
    return found;
  }
  const found = ENTRY_CANDIDATES.map((f) => path.join(dir, f)).find(isFile);
  if (found === undefined) {
    throw new ProjectFileError(
      `${projectFile}: no entry point in ${dir}: no "main" in its package.json and no index.ts or index.js.`,
    );
  }
  return found;
}

/** ESM for .mts/.mjs, CommonJS for .cts/.cjs, else the `type` of the nearest package.json. */
export function moduleKindOf(file: string): ModuleKind {
  if (/\.m[jt]s$/.test(file)) return "esm";
  if (/\.c[jt]s$/.test(file)) return "cjs";
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = fs.existsSync(path.join(dir, "package.json")) ? readPackageJson(dir) : undefined;
    if (pkg !== undefined) return pkg.type === "module" ? "esm" : "cjs";
    if (path.dirname(dir) === dir) return "cjs";
  }
}

const CONFIG_TYPES = ["string", "integer", "boolean", "array"] as const;

function wireValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Reads the `config:` block of Pulumi.yaml: `key: value`, or `key: { type, default, secret }`. */
function readProjectConfig(
  raw: unknown,
  project: string,
  file: string,
): Record<string, ProjectConfigEntry> {
  if (raw === undefined || raw === null) return {};
  if (!isMap(raw)) throw new ProjectFileError(`${file}: "config" must be a map of keys.`);
  const out: Record<string, ProjectConfigEntry> = {};
  for (const [key, declaration] of Object.entries(raw)) {
    const fullKey = qualifyKey(project, key);
    const where = `${file}: config key ${JSON.stringify(key)}`;
    if (!isMap(declaration)) {
      out[fullKey] = { value: wireValue(declaration), secret: false };
      continue;
    }
    const { type } = declaration;
    if (type !== undefined && !CONFIG_TYPES.includes(type as (typeof CONFIG_TYPES)[number])) {
      throw new ProjectFileError(
        `${where} has type ${JSON.stringify(type)}, but the type must be one of ${CONFIG_TYPES.join(", ")}.`,
      );
    }
    const given = "value" in declaration ? declaration.value : declaration.default;
    out[fullKey] = {
      ...(type === undefined ? {} : { type: type as ProjectConfigEntry["type"] }),
      ...(given === undefined ? {} : { value: wireValue(given) }),
      secret: declaration.secret === true,
    };
  }
  return out;
}

function splitArgs(text: unknown): string[] {
  return typeof text === "string" ? text.split(/\s+/).filter((a) => a !== "") : [];
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
  const options = isMap(doc.runtime) && isMap(doc.runtime.options) ? doc.runtime.options : {};
  const mainSetting = typeof doc.main === "string" ? doc.main : ".";
  const mainPath = path.resolve(programDir, mainSetting);
  let main: string;
  let workDir = programDir;
  if (isDirectory(mainPath)) {
    main = entryOfFolder(mainPath, file);
    workDir = mainPath;
  } else if (isFile(mainPath)) {
    main = mainPath;
  } else {
    throw new ProjectFileError(
      `${file} names main ${JSON.stringify(mainSetting)}, which does not exist.`,
    );
  }
  return {
    name: doc.name,
    runtime,
    main,
    workDir,
    moduleKind: moduleKindOf(main),
    nodeArgs: splitArgs(options.nodeargs),
    typescript: options.typescript !== false,
    config: readProjectConfig(doc.config, doc.name, file),
  };
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

function typeProblem(type: ProjectConfigEntry["type"], value: string): boolean {
  switch (type) {
    case "integer":
      return !/^-?[0-9]+$/.test(value);
    case "boolean":
      return value !== "true" && value !== "false";
    case "array":
      return !value.startsWith("[");
    case "string":
      return value.startsWith("{") || value.startsWith("[");
    default:
      return false;
  }
}

/**
 * The config a stack's program sees, as the CLI computes it: the project's `config:` defaults and
 * fixed values, overlaid by the stack file. A stack value of the wrong declared type, or a declared
 * key with neither a default nor a stack value, is a {@link ProjectFileError} naming the key.
 */
export function effectiveConfig(project: ProjectFile, file: StackConfigFile): StackConfigFile {
  const config: Record<string, string> = {};
  const secretKeys = [...file.secretKeys];
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(project.config)) {
    if (entry.value !== undefined) config[key] = entry.value;
    if (entry.secret && !secretKeys.includes(key)) secretKeys.push(key);
  }
  Object.assign(config, file.config);
  for (const [key, entry] of Object.entries(project.config)) {
    const value = config[key];
    if (value === undefined) {
      problems.push(
        `Stack "${file.stack}" is missing the config value ${JSON.stringify(key)}, which Pulumi.yaml declares${entry.type === undefined ? "" : ` (type ${entry.type})`} without a default: set it in Pulumi.${file.stack}.yaml.`,
      );
    } else if (!file.placeholders.includes(key) && typeProblem(entry.type, value)) {
      problems.push(
        `Stack "${file.stack}" sets ${JSON.stringify(key)} to ${JSON.stringify(value)}, but Pulumi.yaml declares it of type ${entry.type ?? "string"}.`,
      );
    }
  }
  if (problems.length > 0) throw new ProjectFileError(problems.join(" "));
  return { ...file, config, secretKeys };
}

/** The config a run sees: the stack file's, with `overrides` (JSON values) laid on top. */
export function applyOverrides(
  file: StackConfigFile,
  overrides: Readonly<Record<string, unknown>> | undefined,
): Record<string, string> {
  const config = { ...file.config };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete config[key];
    else config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return config;
}
