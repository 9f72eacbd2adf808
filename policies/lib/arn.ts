/** ARNs: `arn:partition:service:region:account:resource`. */

export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

export function parseArn(text: string): Arn | undefined {
  const parts = text.split(":");
  if (parts.length < 6 || parts[0] !== "arn") {
    return undefined;
  }
  const [, partition = "", service = "", region = "", account = ""] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(":") };
}

/** The vault name in `arn:aws:backup:<region>:<account>:backup-vault:<name>`. */
export function backupVaultNameOf(arn: Arn): string | undefined {
  const [kind, name] = arn.resource.split(":");
  return arn.service === "backup" && kind === "backup-vault" && name !== undefined && name !== ""
    ? name
    : undefined;
}

/** Whether a KMS key reference names an AWS-managed key (`alias/aws/...`). */
export function isAwsManagedKeyAlias(reference: string): boolean {
  const arn = parseArn(reference);
  const resource = arn === undefined ? reference : arn.resource;
  return resource.startsWith("alias/aws/");
}
