/**
 * The public surface of the components: every ComponentResource, its args and the pure helpers
 * other programs may reuse.
 */
export * from "./lib/validation";
export * from "./lib/aws-regions";
export * from "./lib/backup-names";
export * from "./lib/vault-lock";
export * from "./lib/vault-notifications";
export * from "./lib/iam-documents";
export * from "./lib/backup-rules";
export * from "./lib/audit-controls";
export * from "./backup-vault";
export * from "./lib/archive-names";
export * from "./lib/s3-object-lock";
export * from "./lib/s3-lifecycle-rules";
export * from "./lib/archive-policies";
export * from "./lib/glacier-lock-policy";
export * from "./lib/policy-size";
export * from "./archive-bucket";
export * from "./glacier-vault";
export * from "./archive-uploader-access";
export * from "./lib/ipv4";
export * from "./lib/storage-gateway-rules";
export * from "./lib/gateway-placement";
export * from "./lib/direct-connect-rules";
export * from "./stored-volume-gateway";
export * from "./direct-connect-attachment";
export * from "./backup-plan";
export * from "./backup-audit";
export * from "./restore-testing";
export * from "./lib/backup-protections";
export * from "./air-gapped-vault";
export * from "./backup-region-settings";
export * from "./audit-config-recorder";
export * from "./lib/dr-rules";
export * from "./lib/organization-backup-policy";
export * from "./dr-vault";
export * from "./backup-organization";
export * from "./recovery-objectives-record";
