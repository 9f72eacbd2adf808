/**
 * The public surface of the components: every ComponentResource, its args and the pure helpers
 * other programs may reuse.
 */
export * from "../core";
export * from "./backup-vault";
export * from "./archive-bucket";
export * from "./glacier-vault";
export * from "./archive-uploader-access";
export * from "./stored-volume-gateway";
export * from "./direct-connect-attachment";
export * from "./backup-plan";
export * from "./backup-audit";
export * from "./restore-testing";
export * from "./air-gapped-vault";
export * from "./backup-region-settings";
export * from "./audit-config-recorder";
export * from "./dr-vault";
export * from "./backup-organization";
export * from "./recovery-objectives-record";
