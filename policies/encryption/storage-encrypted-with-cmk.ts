import { allowedKeysProperty, checkCustomerKey } from "../lib/kms";
import { propsOf, stackPolicy } from "../lib/policy-kit";
import { expectProp } from "../lib/report";
import { T } from "../lib/types";

interface DataStoreKeys {
  /** The input that turns encryption at rest on; none where AWS always encrypts. */
  readonly flag?: readonly string[];
  readonly key: readonly string[];
  /** Whether a customer-managed key is demanded, or only checked when one is named. */
  readonly keyRequired: boolean;
}

/**
 * Where each data store says it is encrypted and with which key. DynamoDB and FSx always encrypt
 * at rest (with an AWS-owned or AWS-managed key when none is named), so only a named key is judged.
 */
const DATA_STORES: Readonly<Record<string, DataStoreKeys>> = {
  [T.ebsVolume]: { flag: ["encrypted"], key: ["kmsKeyId"], keyRequired: true },
  [T.rdsInstance]: { flag: ["storageEncrypted"], key: ["kmsKeyId"], keyRequired: true },
  [T.rdsCluster]: { flag: ["storageEncrypted"], key: ["kmsKeyId"], keyRequired: true },
  [T.docdbCluster]: { flag: ["storageEncrypted"], key: ["kmsKeyId"], keyRequired: true },
  [T.neptuneCluster]: { flag: ["storageEncrypted"], key: ["kmsKeyArn"], keyRequired: true },
  [T.efsFileSystem]: { flag: ["encrypted"], key: ["kmsKeyId"], keyRequired: true },
  [T.storedIscsiVolume]: { flag: ["kmsEncrypted"], key: ["kmsKey"], keyRequired: true },
  [T.dynamodbTable]: { key: ["serverSideEncryption", "kmsKeyArn"], keyRequired: false },
  [T.fsxWindows]: { key: ["kmsKeyId"], keyRequired: false },
  [T.fsxLustre]: { key: ["kmsKeyId"], keyRequired: false },
  [T.fsxOntap]: { key: ["kmsKeyId"], keyRequired: false },
  [T.fsxOpenZfs]: { key: ["kmsKeyId"], keyRequired: false },
};

export const storageEncryptedWithCmk = stackPolicy({
  name: "storage-encrypted-with-cmk",
  description:
    "EBS volumes, RDS instances and clusters, DocumentDB and Neptune clusters, EFS file systems and stored iSCSI volumes are encrypted with a customer-managed KMS key; a key named on a DynamoDB table or an FSx file system (always encrypted at rest) is customer-managed.",
  severity: "high",
  remediationSteps:
    "Turn encryption on (`encrypted`, `storageEncrypted`, `kmsEncrypted`) and name a customer-managed " +
    "key (`kmsKeyId`, `kmsKeyArn`, `kmsKey`). Encryption cannot be added to an existing volume or " +
    "instance: it means a replacement.",
  configSchema: { properties: { allowedKmsKeys: allowedKeysProperty } },
  validate: ({ stack, config, findings, args }) => {
    const stores = stack.ofType(...Object.keys(DATA_STORES));
    if (stores.length === 0) {
      args.notApplicable("The stack has no data store this policy judges.");
    }
    for (const store of stores) {
      const spec = DATA_STORES[store.type];
      if (spec === undefined) continue;
      const props = propsOf(store);
      const owner = { type: store.type, name: store.name, urn: store.urn };
      if (spec.flag !== undefined) {
        expectProp(findings, props.dig(...spec.flag), (p) => p.boolean() === true, "true", {
          owner,
        });
      }
      const key = props.dig(...spec.key);
      if (!spec.keyRequired && key.isAbsent) continue;
      checkCustomerKey(findings, key, config.allowedKmsKeys, { stack, owner: store, named: true });
    }
  },
});
