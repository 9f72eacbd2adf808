import * as assert from "node:assert/strict";
import { formatIssues } from "../../core";
import { siteGatewayArgs, tierRpoHours } from "../../config/sections/sites";
import { validateStackConfig } from "../../config/stack-config";

const BACKUP = {
  vault: {
    name: "prod-backup",
    breakGlassRoleArns: ["arn:aws:iam::111111111111:role/backup-break-glass"],
  },
  tiers: {
    gold: {
      rules: [{ name: "hourly", schedule: "cron(0 * ? * * *)", lifecycle: { deleteAfter: 35 } }],
      resourceTypes: ["StorageGateway", "EBS"],
    },
    silver: {
      rules: [{ name: "daily", schedule: "cron(0 3 ? * * *)", lifecycle: { deleteAfter: 35 } }],
      resourceTypes: ["EBS"],
    },
  },
};

const disk = (n: number) => `pci-0000:03:00.0-scsi-0:0:${n}:0`;

const SITE = {
  name: "dc1",
  tier: "gold",
  onPremisesCidrs: ["10.20.0.0/16"],
  vpcId: "vpc-0a1b2c3d4e5f67890",
  subnetIds: ["subnet-0a1b2c3d4e5f67890"],
  timezone: "GMT+1:00",
  appliances: [{ gatewayIpAddress: "10.20.1.10" }],
  uploadBuffers: [{ diskId: disk(0), sizeGiB: 512 }],
  volumes: [
    { name: "db-01", diskId: disk(1), sizeGiB: 4096, dailyChangePercent: 5 },
    { name: "logs-01", diskId: disk(2), sizeGiB: 1024 },
  ],
};

type Values = Record<string, unknown>;

function validate(changes: Values) {
  const values: Values = {
    environment: "prod",
    accounts: { workload: "111111111111" },
    backup: BACKUP,
    sites: [SITE],
    ...changes,
  };
  return validateStackConfig(values, "us-east-1");
}

const errorsOf = (changes: Values) => formatIssues(validate(changes).issues);
const site = (changes: Values) => ({ sites: [{ ...SITE, ...changes }] });

describe("hybrid-backup:sites", () => {
  it("parses a site with its defaults", () => {
    const result = validate({});
    assert.equal(formatIssues(result.issues), "");
    const parsed = result.config!.sites[0]!;
    assert.deepStrictEqual(parsed.volumes[1], {
      name: "logs-01",
      diskId: disk(2),
      sizeGiB: 1024,
      preserveExistingData: true,
      acknowledgeDataLoss: false,
    });
    assert.deepStrictEqual(result.config!.sites.length, 1);
  });

  it("is optional", () => {
    const result = validate({ sites: undefined });
    assert.equal(formatIssues(result.issues), "");
    assert.deepStrictEqual(result.config!.sites, []);
  });

  it("names the YAML path of shape errors", () => {
    assert.equal(
      errorsOf(
        site({
          timezone: 1,
          volumes: [{ ...SITE.volumes[0], sizeGiB: 16385, gateway: 0, size: 3 }],
          appliances: [],
        }),
      ),
      [
        '[hybrid-backup:sites[0].timezone] is 1 (a number), but must be a string: a time zone written "GMT", "GMT+h:mm" or "GMT-h:mm" (for example GMT+1:00).',
        "[hybrid-backup:sites[0].appliances] has 0 items, but must have at least 1 item.",
        "[hybrid-backup:sites[0].volumes[0].size] is not a known key here; the keys allowed are name, diskId, sizeGiB, targetName, networkInterfaceIp, gateway, preserveExistingData, acknowledgeDataLoss, snapshotId, dailyChangePercent.",
        "[hybrid-backup:sites[0].volumes[0].sizeGiB] is 16385, but must be a whole number from 1 to 16384 GiB.",
        "[hybrid-backup:sites[0].volumes[0].gateway] is 0, but must be a whole number from 1 to 1000.",
      ].join("\n"),
    );
  });

  it("words a schema error like the component's check", () => {
    assert.equal(
      errorsOf(site({ bandwidth: { averageUploadRateLimitInBitsPerSec: 1000 } })),
      "[hybrid-backup:sites[0].bandwidth.averageUploadRateLimitInBitsPerSec] is 1000, but must be a whole number of bits per second, at least 51200.",
    );
  });

  it("runs the component's rules on the site, under YAML paths", () => {
    const volumes = Array.from({ length: 33 }, (_, n) => ({
      name: `vol-${n + 1}`,
      diskId: disk(n + 1),
      sizeGiB: 100,
    }));
    volumes[3] = { ...volumes[3]!, preserveExistingData: false } as never;
    assert.equal(
      errorsOf(site({ volumes })),
      [
        '[hybrid-backup:sites[0].volumes[3].preserveExistingData] is false, which creates an empty volume and erases the data on disk "pci-0000:03:00.0-scsi-0:0:4:0"; set acknowledgeDataLoss: true on this volume to confirm, or remove preserveExistingData to keep the data.',
        "[hybrid-backup:sites[0].appliances] declares 1 appliance, but the 33 volumes need 2 gateways (at most 32 volumes and 512 TiB each, one appliance per gateway): declare 1 more appliance.",
      ].join("\n"),
    );
  });

  it("needs a tier of hybrid-backup:backup.tiers that protects Storage Gateway volumes", () => {
    assert.equal(
      errorsOf(site({ tier: "platinum" })),
      '[hybrid-backup:sites[0].tier] is "platinum", but names no tier of hybrid-backup:backup.tiers; the tiers are "gold", "silver".',
    );
    assert.equal(
      errorsOf(site({ tier: "silver" })),
      '[hybrid-backup:sites[0].tier] is "silver", but that tier does not protect StorageGateway resources (its resourceTypes are EBS); add StorageGateway there or pick another tier.',
    );
  });

  it("snapshots at least as often as the tier's RPO, by default at the longest interval within it", () => {
    // gold: hourly rule, 60 + 180 minutes of windows: 1 + 4 = 5 hours.
    const config = validate({}).config!;
    assert.equal(tierRpoHours(config.backup.tiers.gold!), 5);
    assert.equal(siteGatewayArgs(config.sites[0]!, config).snapshotIntervalHours, 4);
    assert.equal(
      errorsOf(site({ snapshotIntervalHours: 8 })),
      '[hybrid-backup:sites[0].snapshotIntervalHours] is 8 hours, but the RPO of tier "gold" is 5 hours, so the gateways must snapshot at least that often (1, 2, 4).',
    );
    assert.equal(errorsOf(site({ snapshotIntervalHours: 4 })), "");
    const withRpo = {
      ...BACKUP,
      tiers: { ...BACKUP.tiers, gold: { ...BACKUP.tiers.gold, rpoHours: 12 } },
    };
    const relaxed = validate({ backup: withRpo }).config!;
    assert.equal(siteGatewayArgs(relaxed.sites[0]!, relaxed).snapshotIntervalHours, 12);
  });

  it("reads activation keys from the secrets, by gateway name", () => {
    const keyed = site({ appliances: [{ networkInterfaceIp: "10.20.1.10" }] });
    assert.equal(
      errorsOf(keyed),
      "[hybrid-backup:sites[0].appliances[0]] sets neither gatewayIpAddress nor an activation key, but a gateway is activated with exactly one of them: set gatewayIpAddress, or store the activation key with `pulumi config set --secret --path 'secrets.activationKeys.dc1-gw-1' <key>`.",
    );
    const secrets = { activationKeys: { "dc1-gw-1": "ABCDE-12345-FGHIJ-67890-KLMNO" } };
    const result = validate({ ...keyed, secrets });
    assert.equal(formatIssues(result.issues), "");
    assert.equal(
      siteGatewayArgs(result.config!.sites[0]!, result.config!).appliances[0]!.activationKey,
      "ABCDE-12345-FGHIJ-67890-KLMNO",
    );
    assert.equal(
      errorsOf({ secrets }),
      "[hybrid-backup:sites[0].appliances[0]] sets both gatewayIpAddress and an activation key, but a gateway is activated with exactly one of them.",
    );
    assert.equal(
      errorsOf({
        ...keyed,
        secrets: { activationKeys: { ...secrets.activationKeys, "dc1-gw-2": "K" } },
      }),
      '[hybrid-backup:secrets.activationKeys.dc1-gw-2] names no gateway of the sites; the gateways are "dc1-gw-1".',
    );
    assert.equal(
      errorsOf({ ...keyed, secrets: { activationKeys: { "dc1-gw-1": "K".repeat(51) } } }),
      "[hybrid-backup:secrets.activationKeys.dc1-gw-1] has 51 characters, but must be a secret string of 1-50 characters, set with `pulumi config set --secret`.",
    );
  });

  it("needs distinct site names", () => {
    assert.equal(
      errorsOf({ sites: [SITE, { ...SITE, onPremisesCidrs: ["10.20.0.0/16"] }] }),
      '[hybrid-backup:sites[1].name] repeats the site name "dc1" already used at index 0.',
    );
  });

  it("maps a site to the component's arguments, tag key and region included", () => {
    const config = validate({}).config!;
    const args = siteGatewayArgs(config.sites[0]!, config);
    assert.deepStrictEqual(args, {
      siteName: "dc1",
      region: "us-east-1",
      tier: "gold",
      tierTagKey: "backup-tier",
      onPremisesCidrs: ["10.20.0.0/16"],
      vpcId: "vpc-0a1b2c3d4e5f67890",
      subnetIds: ["subnet-0a1b2c3d4e5f67890"],
      timezone: "GMT+1:00",
      snapshotIntervalHours: 4,
      bandwidth: undefined,
      maintenance: undefined,
      logRetentionDays: undefined,
      appliances: [{ gatewayIpAddress: "10.20.1.10", activationKey: undefined }],
      uploadBuffers: [{ diskId: disk(0), sizeGiB: 512 }],
      volumes: [
        {
          name: "db-01",
          diskId: disk(1),
          sizeGiB: 4096,
          targetName: undefined,
          networkInterfaceIp: undefined,
          gateway: undefined,
          preserveExistingData: true,
          acknowledgeDataLoss: false,
          snapshotId: undefined,
        },
        {
          name: "logs-01",
          diskId: disk(2),
          sizeGiB: 1024,
          targetName: undefined,
          networkInterfaceIp: undefined,
          gateway: undefined,
          preserveExistingData: true,
          acknowledgeDataLoss: false,
          snapshotId: undefined,
        },
      ],
    });
  });
});
