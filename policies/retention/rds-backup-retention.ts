import { days } from "../lib/config";
import { resourcePolicy } from "../lib/policy-kit";
import { expectProp } from "../lib/report";
import { T } from "../lib/types";

export const rdsBackupRetention = resourcePolicy({
  name: "rds-backup-retention",
  description:
    "RDS instances and clusters keep automated backups at least the floor (0 turns them off).",
  severity: "high",
  remediationSteps:
    "Set `backupRetentionPeriod` to at least the floor (at most 35 days, the RDS maximum). A missing " +
    "value means the AWS default of 1 day.",
  configSchema: {
    properties: {
      minRetentionDays: days("Lowest allowed `backupRetentionPeriod`, in days.", 7, 35),
    },
  },
  resourceTypes: [T.rdsInstance, T.rdsCluster],
  validate: ({ props, config, findings }) => {
    const retention = props.get("backupRetentionPeriod");
    const floor = config.minRetentionDays;
    if (retention.isAbsent) {
      findings.violation(
        `[backupRetentionPeriod] is not set, so AWS keeps automated backups 1 day, but must be at least ${floor} days.`,
      );
      return;
    }
    const value = retention.number();
    if (value === 0) {
      findings.violation(
        `[backupRetentionPeriod] is 0, which turns automated backups off, but must be at least ${floor} days.`,
      );
      return;
    }
    expectProp(findings, retention, () => (value ?? -Infinity) >= floor, `at least ${floor} days`);
  },
});
