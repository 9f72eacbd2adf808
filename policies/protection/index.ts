/** The protection policies of the pack (newer AWS Backup protections), one per file. */
import { backupIsolatedCopy } from "./backup-isolated-copy";
import { backupMalwareScan } from "./backup-malware-scan";
import { restoreTestingCoverage } from "./restore-testing-coverage";

export { backupIsolatedCopy, backupMalwareScan, restoreTestingCoverage };

export const protectionPolicies = [backupIsolatedCopy, backupMalwareScan, restoreTestingCoverage];
