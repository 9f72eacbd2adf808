/** The objectives policies of the pack, one per file. */
import { recoveryObjectivesMet } from "./recovery-objectives-met";

export { recoveryObjectivesMet };

export const objectivesPolicies = [recoveryObjectivesMet];
