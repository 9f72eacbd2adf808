/**
 * Builds the whole backup topology of a stack from its validated configuration. Each part lives in
 * its own module; this file only orders them and gathers the stack outputs.
 */
import type { StackConfig } from "../config/stack-config";
import { buildArchive } from "./archive";
import { createContext } from "./context";

/** The stack outputs: plain values and outputs of the components. */
export type TopologyOutputs = Record<string, unknown>;

export function buildTopology(config: StackConfig): TopologyOutputs {
  const context = createContext(config);
  const outputs: TopologyOutputs = {
    environment: context.config.environment,
    region: context.config.region,
  };
  const archive = buildArchive(context);
  if (archive !== undefined) outputs.archive = archive;
  return outputs;
}
