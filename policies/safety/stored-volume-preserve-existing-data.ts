import { resourcePolicy } from "../lib/policy-kit";
import { couldNotCheck } from "../lib/report";
import { T } from "../lib/types";

export const storedVolumePreserveExistingData = resourcePolicy({
  name: "stored-volume-preserve-existing-data",
  description:
    "Stored iSCSI volumes keep the data already on their disk (preserveExistingData is not false).",
  severity: "critical",
  remediationSteps:
    "Set `preserveExistingData: true` for a disk that holds data. Use false only for a blank disk, " +
    "and then through an explicit exception (disable this policy for that stack).",
  configSchema: { properties: {} },
  resourceTypes: [T.storedIscsiVolume],
  validate: ({ props, findings }) => {
    const preserve = props.get("preserveExistingData");
    if (preserve.isUnknown) {
      findings.unknown(couldNotCheck(preserve, "is not false"));
      return;
    }
    if (preserve.boolean() === false) {
      const disk = props.get("diskId").string();
      findings.violation(
        `[preserveExistingData] is false, but must not be: creating the volume would wipe the data on ${
          disk === undefined ? "its disk" : `disk ${JSON.stringify(disk)}`
        }.`,
      );
    }
  },
});
