/**
 * Builds the whole backup topology of a stack from its validated configuration. Each part lives in
 * its own module; this file only orders them and gathers the stack outputs.
 */
import type { StackConfig } from "../config/stack-config";
import { buildArchive } from "./archive";
import { buildBackupCore } from "./backup-core";
import { createContext } from "./context";
import { buildDisasterRecovery } from "./disaster-recovery";
import { evaluateObjectives, recordObjectives } from "./objectives";
import { buildOnPremises } from "./on-premises";

/** The stack outputs: plain values and outputs of the components. */
export type TopologyOutputs = Record<string, unknown>;

export function buildTopology(config: StackConfig): TopologyOutputs {
  const context = createContext(config);
  const outputs: TopologyOutputs = {
    environment: context.config.environment,
    region: context.config.region,
  };
  const disasterRecovery = buildDisasterRecovery(context);
  if (disasterRecovery !== undefined) outputs.disasterRecovery = disasterRecovery.outputs;
  outputs.backup = buildBackupCore(context, disasterRecovery?.target).outputs;
  const archive = buildArchive(context);
  if (archive !== undefined) outputs.archive = archive;
  const onPremises = buildOnPremises(context);
  if (onPremises !== undefined) outputs.onPremises = onPremises;
  const objectives = evaluateObjectives(context.config);
  if (objectives.length > 0) {
    recordObjectives(context, objectives);
    outputs.objectives = objectives;
  }
  return outputs;
}
