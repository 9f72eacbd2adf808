import * as assert from "node:assert/strict";
import { PRICES } from "../../objectives/data";
import type { BackupDesign, Dataset } from "../../objectives/design";
import { kindOfPath, restoreSources } from "../../objectives/restore-sources";
import {
  type CopyLocation,
  buildRunbook,
  formatDuration,
  renderRunbooksMarkdown,
} from "../../objectives/runbook";

const EFS: Dataset = {
  name: "gold/shared-home",
  resourceClass: "EFS",
  sizeGiB: 1000,
  dailyChangeFraction: 0.02,
};
const OBJECTIVE = { rpoMinutes: 100000, rtoMinutes: 100000, monthlyBudgetUsd: 100000 };
const DAILY = {
  schedule: "cron(0 3 ? * * *)",
  startWindowMinutes: 60,
  completionWindowMinutes: 180,
  lifecycle: { deleteAfterDays: 35 },
};

const PRIMARY: CopyLocation = {
  kind: "primary",
  store: "vault",
  name: "prod-backup",
  arn: "arn:aws:backup:us-east-1:111111111111:backup-vault:prod-backup",
  accountId: "111111111111",
  region: "us-east-1",
  restoreRoleArn: "arn:aws:iam::111111111111:role/prod-backup-gold-backup",
};
const AIR_GAPPED: CopyLocation = {
  kind: "air-gapped",
  store: "air-gapped-vault",
  name: "prod-gold-air-gapped",
  arn: "arn:aws:backup:us-east-1:111111111111:backup-vault:prod-gold-air-gapped",
  accountId: "111111111111",
  region: "us-east-1",
  restoreRoleArn: "arn:aws:iam::111111111111:role/prod-backup-gold-backup",
  sharedWithAccountIds: ["444444444444"],
};

describe("restore sources and runbooks", () => {
  describe("the kind of each recovery path", () => {
    it("maps rules to the primary copy, archives to the archive, copies by their path", () => {
      assert.equal(kindOfPath({ id: "rules[0]", kind: "rule" }), "primary");
      assert.equal(kindOfPath({ id: "archive", kind: "archive" }), "archive");
      assert.equal(kindOfPath({ id: "glacierVault", kind: "glacier-vault" }), "archive");
      assert.equal(kindOfPath({ id: "rules[0].copyActions[0]", kind: "copy" }), "dr");
      assert.equal(
        kindOfPath(
          { id: "rules[0].copyActions[1]", kind: "copy" },
          { "rules[0].copyActions[1]": "air-gapped" },
        ),
        "air-gapped",
      );
    });
  });

  describe("figures of each kind of copy", () => {
    const design: BackupDesign = {
      region: "us-east-1",
      rules: [
        {
          ...DAILY,
          copyActions: [
            { destinationRegion: "us-east-1", lifecycle: { deleteAfterDays: 14 } },
            { destinationRegion: "us-east-1", lifecycle: { deleteAfterDays: 14 } },
          ],
        },
      ],
    };
    const kinds = { "rules[0].copyActions[1]": "air-gapped" as const };

    it("gives one source per kind, in order, each priced at the region's restore rate", () => {
      const sources = restoreSources(EFS, design, OBJECTIVE, kinds);
      assert.deepEqual(
        sources.map((source) => [source.kind, source.path, source.region]),
        [
          ["primary", "rules[0]", "us-east-1"],
          ["dr", "rules[0].copyActions[0]", "us-east-1"],
          ["air-gapped", "rules[0].copyActions[1]", "us-east-1"],
        ],
      );
      // One full restore of warm EFS data: its size times the price file's per-GB restore rate.
      const perGb = PRICES.regions["us-east-1"]?.awsBackupRestorePerGb?.EFS?.usd;
      assert.ok(perGb !== undefined && perGb > 0);
      for (const source of sources) {
        assert.equal(source.restoreCostUsd, Math.round(1000 * perGb * 100) / 100);
      }
      // A copy is never newer than the recovery point it copies.
      const primary = sources[0]!;
      for (const copy of sources.slice(1)) assert.ok(copy.rpoMinutes >= primary.rpoMinutes);
    });

    it("keeps the fastest restore of a kind with several paths, and the best RPO among them", () => {
      const twoRules: BackupDesign = {
        region: "us-east-1",
        rules: [DAILY, { ...DAILY, schedule: "cron(0 * ? * * *)" }],
      };
      const [primary] = restoreSources(EFS, twoRules, OBJECTIVE);
      const [hourlyOnly] = restoreSources(
        EFS,
        { region: "us-east-1", rules: [twoRules.rules![1]!] },
        OBJECTIVE,
      );
      assert.equal(primary?.rpoMinutes, hourlyOnly?.rpoMinutes);
    });

    it("refuses a design the model refuses, with the model's message", () => {
      assert.throws(
        () => restoreSources(EFS, { region: "us-east-1", rules: [] }, OBJECTIVE),
        /^ValidationError: Dataset "gold\/shared-home" has 1 problem:\n\[rules\] protects the dataset with nothing/,
      );
    });
  });

  describe("a runbook", () => {
    const figures = [
      {
        kind: "primary" as const,
        path: "rules[0]",
        region: "us-east-1",
        rpoMinutes: 300,
        rtoMinutes: 95,
        restoreCostUsd: 24,
      },
      {
        kind: "dr" as const,
        path: "rules[0].copyActions[0]",
        region: "us-west-2",
        rpoMinutes: 1800,
        rtoMinutes: 95,
        restoreCostUsd: 24,
      },
      {
        kind: "air-gapped" as const,
        path: "rules[0].copyActions[1]",
        region: "us-east-1",
        rpoMinutes: 1800,
        rtoMinutes: 125,
        restoreCostUsd: 24,
      },
    ];

    it("lists the sources that have both a location and figures, in order of preference", () => {
      const runbook = buildRunbook(
        { dataset: "gold/shared-home", resourceType: "EFS" },
        [AIR_GAPPED, PRIMARY],
        figures,
      );
      assert.deepEqual(runbook.sources, [
        {
          kind: "primary",
          store: "vault",
          name: "prod-backup",
          arn: PRIMARY.arn,
          accountId: "111111111111",
          region: "us-east-1",
          rpoMinutes: 300,
          expectedRtoMinutes: 95,
          restoreCostUsd: 24,
        },
        {
          kind: "air-gapped",
          store: "air-gapped-vault",
          name: "prod-gold-air-gapped",
          arn: AIR_GAPPED.arn,
          accountId: "111111111111",
          region: "us-east-1",
          rpoMinutes: 1800,
          expectedRtoMinutes: 125,
          restoreCostUsd: 24,
        },
      ]);
    });

    it("restores an air-gapped copy from the account it is shared with, naming the owner", () => {
      const runbook = buildRunbook(
        { dataset: "gold/shared-home", resourceType: "EFS", tag: "backup-tier=gold" },
        [AIR_GAPPED],
        figures,
      );
      assert.deepEqual(runbook.steps, [
        {
          source: "air-gapped",
          how: "console",
          text: "Sign in to account 444444444444 (the vault is shared with it through AWS RAM); accept the share in AWS RAM > Shared with me if it is pending.",
        },
        {
          source: "air-gapped",
          how: "console",
          text: "AWS Backup > Vaults (logically air-gapped) > prod-gold-air-gapped: choose the newest recovery point of the resource tagged backup-tier=gold, then Restore.",
        },
        {
          source: "air-gapped",
          how: "cli",
          text: 'aws backup list-recovery-points-by-backup-vault --backup-vault-name prod-gold-air-gapped --backup-vault-account-id 111111111111 --by-resource-type "EFS" --region us-east-1',
        },
        {
          source: "air-gapped",
          how: "cli",
          text: "aws backup get-recovery-point-restore-metadata --backup-vault-name prod-gold-air-gapped --backup-vault-account-id 111111111111 --recovery-point-arn <recovery-point-arn> --region us-east-1 > metadata.json",
        },
        {
          source: "air-gapped",
          how: "cli",
          text: "aws backup start-restore-job --recovery-point-arn <recovery-point-arn> --iam-role-arn arn:aws:iam::444444444444:role/service-role/AWSBackupDefaultServiceRole --metadata file://metadata.json --region us-east-1",
        },
        {
          source: "air-gapped",
          how: "cli",
          text: "aws backup describe-restore-job --restore-job-id <restore-job-id> --region us-east-1  # until Status is COMPLETED",
        },
      ]);
    });

    it("restores an unshared air-gapped copy in the owner account with the plan's role", () => {
      const runbook = buildRunbook(
        { dataset: "gold/shared-home" },
        [{ ...AIR_GAPPED, sharedWithAccountIds: [] }],
        figures,
      );
      assert.equal(runbook.steps[0]?.text, "Sign in to account 111111111111, region us-east-1.");
      assert.equal(
        runbook.steps.find((step) => step.text.includes("start-restore-job"))?.text,
        "aws backup start-restore-job --recovery-point-arn <recovery-point-arn> --iam-role-arn arn:aws:iam::111111111111:role/prod-backup-gold-backup --metadata file://metadata.json --region us-east-1",
      );
    });

    it("restores archives with S3 restore requests and Glacier retrieval jobs", () => {
      const archive = [{ ...figures[0]!, kind: "archive" as const, path: "archive" }];
      const s3 = buildRunbook(
        { dataset: "logs-and-dumps/db-dumps/" },
        [
          {
            kind: "archive",
            store: "s3",
            name: "hb-prod-archive",
            arn: "arn:aws:s3:::hb-prod-archive",
            accountId: "111111111111",
            region: "us-east-1",
            prefix: "db-dumps/",
          },
        ],
        archive,
      );
      assert.deepEqual(
        s3.steps.map((step) => step.text),
        [
          "Sign in to account 111111111111; S3 > hb-prod-archive > db-dumps/: for objects in Glacier Flexible Retrieval or Deep Archive, Actions > Initiate restore.",
          `aws s3api restore-object --bucket hb-prod-archive --key db-dumps/<key> --restore-request '{"Days":7,"GlacierJobParameters":{"Tier":"Standard"}}' --region us-east-1`,
          'aws s3api head-object --bucket hb-prod-archive --key db-dumps/<key> --region us-east-1  # until Restore says ongoing-request="false"',
          "aws s3 cp s3://hb-prod-archive/db-dumps/<key> . --region us-east-1",
        ],
      );
      const glacier = buildRunbook(
        { dataset: "glacier/worm" },
        [
          {
            kind: "archive",
            store: "glacier",
            name: "worm",
            arn: "arn:aws:glacier:us-east-1:111111111111:vaults/worm",
            accountId: "111111111111",
            region: "us-east-1",
          },
        ],
        archive,
      );
      assert.deepEqual(
        glacier.steps.filter((step) => step.how === "cli").map((step) => step.text),
        [
          `aws glacier initiate-job --account-id - --vault-name worm --job-parameters '{"Type":"archive-retrieval","ArchiveId":"<archive-id>","Tier":"Standard"}' --region us-east-1`,
          "aws glacier get-job-output --account-id - --vault-name worm --job-id <job-id> archive.bin --region us-east-1  # once the job has Completed",
        ],
      );
    });

    it("renders Markdown: a table of sources and numbered steps per source", () => {
      const runbook = buildRunbook(
        { dataset: "gold/shared-home", resourceType: "EFS" },
        [PRIMARY],
        figures,
      );
      assert.equal(
        renderRunbooksMarkdown("prod", [{ dataset: "gold/shared-home", restore: runbook }]),
        [
          "# Restore runbooks: stack prod",
          "",
          "Computed before deployment from the stack's configuration: the sources are listed in order of preference, with the worst-case age of their newest recovery point (RPO), the worst-case time of a full restore (RTO) and the cost of one full restore. Placeholders in angle brackets are known only at restore time.",
          "",
          "## gold/shared-home",
          "",
          "| # | Source | Where | Account | Region | RPO | Expected RTO | Restore cost |",
          "|---|---|---|---|---|---|---|---|",
          "| 1 | Primary copy | `prod-backup` | 111111111111 | us-east-1 | 5h | 1h 35m | $24.00 |",
          "",
          "### Primary copy: prod-backup",
          "",
          "ARN: `arn:aws:backup:us-east-1:111111111111:backup-vault:prod-backup`",
          "",
          "1. Sign in to account 111111111111, region us-east-1.",
          "2. AWS Backup > Vaults > prod-backup: choose the newest recovery point of the resource, then Restore.",
          '3. `aws backup list-recovery-points-by-backup-vault --backup-vault-name prod-backup --by-resource-type "EFS" --region us-east-1`',
          "4. `aws backup get-recovery-point-restore-metadata --backup-vault-name prod-backup --recovery-point-arn <recovery-point-arn> --region us-east-1 > metadata.json`",
          "5. `aws backup start-restore-job --recovery-point-arn <recovery-point-arn> --iam-role-arn arn:aws:iam::111111111111:role/prod-backup-gold-backup --metadata file://metadata.json --region us-east-1`",
          "6. `aws backup describe-restore-job --restore-job-id <restore-job-id> --region us-east-1  # until Status is COMPLETED`",
          "",
        ].join("\n"),
      );
    });

    it("formats durations in days, hours and minutes", () => {
      assert.deepEqual([0, 45, 60, 95, 1440, 1500, 3060, 44.2].map(formatDuration), [
        "0m",
        "45m",
        "1h",
        "1h 35m",
        "1d",
        "1d 1h",
        "2d 3h",
        "45m",
      ]);
    });
  });
});
