import * as assert from "node:assert/strict";
import { storedVolumePreserveExistingData } from "../../../policies/safety/stored-volume-preserve-existing-data";
import {
  previewAdvisory,
  ResourceFixture,
  runResourcePolicy,
  UNKNOWN,
} from "../../helpers/policy-harness";

describe("policies/safety/stored-volume-preserve-existing-data", () => {
  const volume = (preserve: unknown): ResourceFixture => ({
    type: "aws:storagegateway/storedIscsiVolume:StoredIscsiVolume",
    name: "finance",
    props: {
      diskId: "pci-0000:03:00.0-scsi-0:0:1:0",
      preserveExistingData: preserve,
      targetName: "finance",
    },
  });

  it("passes a volume that keeps the disk's data", async () => {
    assert.deepEqual(
      (await runResourcePolicy(storedVolumePreserveExistingData, volume(true))).messages,
      [],
    );
  });

  it("fails preserveExistingData false, naming the disk", async () => {
    assert.deepEqual(
      (await runResourcePolicy(storedVolumePreserveExistingData, volume(false))).messages,
      [
        '[preserveExistingData] is false, but must not be: creating the volume would wipe the data on disk "pci-0000:03:00.0-scsi-0:0:1:0".',
      ],
    );
  });

  it("says when it is unknown during preview", async () => {
    const outcome = await runResourcePolicy(storedVolumePreserveExistingData, volume(UNKNOWN));
    assert.deepEqual(outcome.advisories, [
      previewAdvisory(
        storedVolumePreserveExistingData.name,
        "could not check that [preserveExistingData] is not false, because it is unknown during preview.",
      ),
    ]);
  });
});
