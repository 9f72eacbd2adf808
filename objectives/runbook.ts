/**
 * Restore runbooks: for one dataset, where to restore from (in order of preference), the console
 * and CLI steps with the vaults, ARNs and role names the stack knows before deployment, and the
 * expected RTO, RPO and restore cost of each source. Pure functions of plain values; the Markdown
 * rendering is what `npm start -- --runbook FILE` writes.
 */
import { formatDuration } from "./durations";
import { COPY_KINDS, type CopyKind, type SourceFigures } from "./restore-sources";

export { formatDuration };

/** Where one kind of copy lives, as the stack deploys it. */
export interface CopyLocation {
  readonly kind: CopyKind;
  /** `vault`: an AWS Backup vault; `air-gapped-vault`; `s3`: an archive bucket; `glacier`. */
  readonly store: "vault" | "air-gapped-vault" | "s3" | "glacier";
  /** Vault, bucket or Glacier vault name. */
  readonly name: string;
  /** Its ARN. */
  readonly arn: string;
  readonly accountId: string;
  readonly region: string;
  /** The role a restore passes to AWS Backup (vault stores). */
  readonly restoreRoleArn?: string;
  /** Accounts the (air-gapped) vault is shared with through AWS RAM, which restore from it. */
  readonly sharedWithAccountIds?: readonly string[];
  /** The key prefix of the dataset (S3 archives). */
  readonly prefix?: string;
}

/** What the runbook says about the data being restored. */
export interface RunbookSubject {
  readonly dataset: string;
  /** AWS Backup's resource type (`RDS`, `EBS`, `Storage Gateway`...), for vault stores. */
  readonly resourceType?: string;
  /** The tag that selects the dataset's resources, e.g. `backup-tier=gold`. */
  readonly tag?: string;
}

/** One source of a runbook: where, and what restoring from it gives. */
export interface RunbookSource {
  readonly kind: CopyKind;
  readonly store: CopyLocation["store"];
  readonly name: string;
  readonly arn: string;
  readonly accountId: string;
  readonly region: string;
  /** Worst-case age of the newest recovery point here, minutes. */
  readonly rpoMinutes: number;
  /** Worst-case time of a full restore from here, minutes. */
  readonly expectedRtoMinutes: number;
  /** USD of one full restore from here. */
  readonly restoreCostUsd: number;
}

/** One step: what to do, in the console or as a CLI command. */
export interface RunbookStep {
  readonly source: CopyKind;
  readonly how: "console" | "cli";
  readonly text: string;
}

/** The runbook of one dataset: the JSON report's `objectives[i].restore`. */
export interface RestoreRunbook {
  /** In order of preference: primary, DR, air-gapped, archive. */
  readonly sources: readonly RunbookSource[];
  readonly steps: readonly RunbookStep[];
}

const RP = "<recovery-point-arn>";

function vaultSteps(subject: RunbookSubject, at: CopyLocation): RunbookStep[] {
  const step = (how: RunbookStep["how"], text: string): RunbookStep => ({
    source: at.kind,
    how,
    text,
  });
  const airGapped = at.store === "air-gapped-vault";
  const restorer = airGapped ? (at.sharedWithAccountIds?.[0] ?? at.accountId) : at.accountId;
  const role =
    airGapped && restorer !== at.accountId
      ? `arn:aws:iam::${restorer}:role/service-role/AWSBackupDefaultServiceRole`
      : (at.restoreRoleArn ??
        `arn:aws:iam::${restorer}:role/service-role/AWSBackupDefaultServiceRole`);
  const type =
    subject.resourceType === undefined ? "" : ` --by-resource-type "${subject.resourceType}"`;
  const owner =
    airGapped && restorer !== at.accountId ? ` --backup-vault-account-id ${at.accountId}` : "";
  const steps: RunbookStep[] = [];
  if (airGapped && restorer !== at.accountId) {
    steps.push(
      step(
        "console",
        `Sign in to account ${restorer} (the vault is shared with it through AWS RAM); accept the share in AWS RAM > Shared with me if it is pending.`,
      ),
    );
  } else {
    steps.push(step("console", `Sign in to account ${at.accountId}, region ${at.region}.`));
  }
  steps.push(
    step(
      "console",
      `AWS Backup > ${airGapped ? "Vaults (logically air-gapped)" : "Vaults"} > ${at.name}: choose the newest recovery point of the resource${subject.tag === undefined ? "" : ` tagged ${subject.tag}`}, then Restore.`,
    ),
    step(
      "cli",
      `aws backup list-recovery-points-by-backup-vault --backup-vault-name ${at.name}${owner}${type} --region ${at.region}`,
    ),
    step(
      "cli",
      `aws backup get-recovery-point-restore-metadata --backup-vault-name ${at.name}${owner} --recovery-point-arn ${RP} --region ${at.region} > metadata.json`,
    ),
    step(
      "cli",
      `aws backup start-restore-job --recovery-point-arn ${RP} --iam-role-arn ${role} --metadata file://metadata.json --region ${at.region}`,
    ),
    step(
      "cli",
      `aws backup describe-restore-job --restore-job-id <restore-job-id> --region ${at.region}  # until Status is COMPLETED`,
    ),
  );
  return steps;
}

function s3Steps(at: CopyLocation): RunbookStep[] {
  const step = (how: RunbookStep["how"], text: string): RunbookStep => ({
    source: at.kind,
    how,
    text,
  });
  const prefix = at.prefix ?? "";
  return [
    step(
      "console",
      `Sign in to account ${at.accountId}; S3 > ${at.name} > ${prefix === "" ? "(bucket root)" : prefix}: for objects in Glacier Flexible Retrieval or Deep Archive, Actions > Initiate restore.`,
    ),
    step(
      "cli",
      `aws s3api restore-object --bucket ${at.name} --key ${prefix}<key> --restore-request '{"Days":7,"GlacierJobParameters":{"Tier":"Standard"}}' --region ${at.region}`,
    ),
    step(
      "cli",
      `aws s3api head-object --bucket ${at.name} --key ${prefix}<key> --region ${at.region}  # until Restore says ongoing-request="false"`,
    ),
    step("cli", `aws s3 cp s3://${at.name}/${prefix}<key> . --region ${at.region}`),
  ];
}

function glacierSteps(at: CopyLocation): RunbookStep[] {
  const step = (how: RunbookStep["how"], text: string): RunbookStep => ({
    source: at.kind,
    how,
    text,
  });
  return [
    step(
      "console",
      `Sign in to account ${at.accountId}, region ${at.region}; the Glacier console lists vault ${at.name} but retrievals run from the CLI.`,
    ),
    step(
      "cli",
      `aws glacier initiate-job --account-id - --vault-name ${at.name} --job-parameters '{"Type":"archive-retrieval","ArchiveId":"<archive-id>","Tier":"Standard"}' --region ${at.region}`,
    ),
    step(
      "cli",
      `aws glacier get-job-output --account-id - --vault-name ${at.name} --job-id <job-id> archive.bin --region ${at.region}  # once the job has Completed`,
    ),
  ];
}

/**
 * The runbook of one dataset: a source for every kind of copy that has both a location and
 * figures, in {@link COPY_KINDS} order, with the steps of each.
 */
export function buildRunbook(
  subject: RunbookSubject,
  locations: readonly CopyLocation[],
  figures: readonly SourceFigures[],
): RestoreRunbook {
  const sources: RunbookSource[] = [];
  const steps: RunbookStep[] = [];
  for (const kind of COPY_KINDS) {
    const at = locations.find((location) => location.kind === kind);
    const figure = figures.find((candidate) => candidate.kind === kind);
    if (at === undefined || figure === undefined) continue;
    sources.push({
      kind,
      store: at.store,
      name: at.name,
      arn: at.arn,
      accountId: at.accountId,
      region: at.region,
      rpoMinutes: figure.rpoMinutes,
      expectedRtoMinutes: figure.rtoMinutes,
      restoreCostUsd: figure.restoreCostUsd,
    });
    if (at.store === "s3") steps.push(...s3Steps(at));
    else if (at.store === "glacier") steps.push(...glacierSteps(at));
    else steps.push(...vaultSteps(subject, at));
  }
  return { sources, steps };
}

const KIND_TITLES: Readonly<Record<CopyKind, string>> = {
  primary: "Primary copy",
  dr: "Disaster-recovery copy",
  "air-gapped": "Air-gapped copy",
  archive: "Archive",
};

/** The runbooks of a stack as one Markdown document, one section per dataset. */
export function renderRunbooksMarkdown(
  stack: string,
  runbooks: ReadonlyArray<{ readonly dataset: string; readonly restore: RestoreRunbook }>,
): string {
  const lines = [
    `# Restore runbooks: stack ${stack}`,
    "",
    "Computed before deployment from the stack's configuration: the sources are listed in order of preference, with the worst-case age of their newest recovery point (RPO), the worst-case time of a full restore (RTO) and the cost of one full restore. Placeholders in angle brackets are known only at restore time.",
  ];
  for (const { dataset, restore } of runbooks) {
    lines.push("", `## ${dataset}`, "");
    lines.push("| # | Source | Where | Account | Region | RPO | Expected RTO | Restore cost |");
    lines.push("|---|---|---|---|---|---|---|---|");
    restore.sources.forEach((source, index) => {
      lines.push(
        `| ${index + 1} | ${KIND_TITLES[source.kind]} | \`${source.name}\` | ${source.accountId} | ${source.region} | ${formatDuration(source.rpoMinutes)} | ${formatDuration(source.expectedRtoMinutes)} | $${source.restoreCostUsd.toFixed(2)} |`,
      );
    });
    for (const source of restore.sources) {
      lines.push(
        "",
        `### ${KIND_TITLES[source.kind]}: ${source.name}`,
        "",
        `ARN: \`${source.arn}\``,
        "",
      );
      let number = 0;
      for (const step of restore.steps.filter((candidate) => candidate.source === source.kind)) {
        number += 1;
        lines.push(step.how === "cli" ? `${number}. \`${step.text}\`` : `${number}. ${step.text}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
