/** The audit policies of the pack, one per file. */
import { backupAuditManager } from "./backup-audit-manager";

export { backupAuditManager };

export const auditPolicies = [backupAuditManager];
