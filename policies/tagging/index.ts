/** The tagging policies of the pack, one per file. */
import { backupCoverageAdvice } from "./backup-coverage-advice";
import { backupSelectionCoverage } from "./backup-selection-coverage";
import { backupTierTags } from "./backup-tier-tags";

export { backupCoverageAdvice, backupSelectionCoverage, backupTierTags };

export const taggingPolicies = [backupCoverageAdvice, backupSelectionCoverage, backupTierTags];
