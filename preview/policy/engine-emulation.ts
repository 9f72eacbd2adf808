/**
 * What the Pulumi engine does around a policy pack, in one place for the gate's driver (which talks
 * to a pack over the analyzer protocol) and the pack's test harness (which calls policies in
 * process): the config a policy gets, and the wire form its properties travel in.
 */
export { SECRET_SIG, SIG_KEY, UNKNOWN_SENTINEL } from "../types";
export { toAnalyzerProperties } from "./serialize";

interface SchemaWithDefaults {
  readonly properties?: Readonly<Record<string, { readonly default?: unknown }>>;
}

/** The `default` of each property of a policy's config schema, as the engine fills them in. */
export function schemaDefaults(schema: SchemaWithDefaults | undefined): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema?.properties ?? {})) {
    if (property.default !== undefined) defaults[key] = structuredClone(property.default);
  }
  return defaults;
}
