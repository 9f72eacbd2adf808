import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  rankedGateway,
  regionalDnsName,
  snapshotIntervalForRpo,
  storageGatewayServiceName,
  Issues,
  formatIssues,
} from "../../core";
import {
  STORED_VOLUME_GATEWAY_TYPE,
  StoredVolumeGateway,
  planStoredVolumeGateway,
  validateStoredVolumeGatewayArgs,
  type StoredVolumeGatewayArgs,
  type StoredVolumeSpec,
} from "../../components/stored-volume-gateway";
import { SECRET_SIG, SIG_KEY } from "../../preview/types";
import { mocks, settled, useMocks } from "../helpers/mocks";
import { UNKNOWN, childrenOf, decode, inputsOf, one, ofType, valueOf } from "../helpers/outputs";
import { runStack } from "../helpers/stack";

const T = {
  key: "aws:kms/key:Key",
  logs: "aws:cloudwatch/logGroup:LogGroup",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  rule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  gateway: "aws:storagegateway/gateway:Gateway",
  buffer: "aws:storagegateway/uploadBuffer:UploadBuffer",
  volume: "aws:storagegateway/storedIscsiVolume:StoredIscsiVolume",
} as const;

const COMPONENT_URN = `urn:pulumi:test::hybrid-backup::${STORED_VOLUME_GATEWAY_TYPE}::dc1`;
const childUrn = (type: string, name: string) =>
  `urn:pulumi:test::hybrid-backup::${STORED_VOLUME_GATEWAY_TYPE}$${type}::${name}`;
const arn = (service: string, kind: string, name: string) =>
  `arn:aws:${service}:us-east-1:111111111111:${kind}/${name}`;

const REGIONAL_DNS = "vpce-0a1b2c3d4e5f67890-abcdefgh.storagegateway.us-east-1.vpce.amazonaws.com";
const ZONAL_DNS =
  "vpce-0a1b2c3d4e5f67890-abcdefgh-us-east-1a.storagegateway.us-east-1.vpce.amazonaws.com";
const BUFFER_DISK = "pci-0000:03:00.0-scsi-0:0:0:0";
const disk = (n: number) => `pci-0000:03:00.0-scsi-0:0:${n}:0`;

const BASE: StoredVolumeGatewayArgs = {
  siteName: "dc1",
  tier: "gold",
  onPremisesCidrs: ["10.20.0.0/16"],
  vpcId: "vpc-0a1b2c3d4e5f67890",
  subnetIds: ["subnet-0a1b2c3d4e5f67890", "subnet-0b1c2d3e4f5a67890"],
  timezone: "GMT+1:00",
  snapshotIntervalHours: 4,
  bandwidth: {
    averageUploadRateLimitInBitsPerSec: 500_000_000,
    averageDownloadRateLimitInBitsPerSec: 100_000_000,
  },
  maintenance: { hourOfDay: 2, minuteOfHour: 30, dayOfWeek: 0 },
  appliances: [{ gatewayIpAddress: "10.20.1.10" }],
  uploadBuffers: [{ diskId: BUFFER_DISK, sizeGiB: 1024 }],
  volumes: [
    { name: "db-01", diskId: disk(1), sizeGiB: 4096 },
    { name: "files-01", diskId: disk(2), sizeGiB: 8192, targetName: "files.share-01" },
  ],
  tags: { environment: "prod" },
};

/** `count` volumes of 1 TiB on disks 1..count. */
function manyVolumes(count: number): StoredVolumeSpec[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `vol-${String(index + 1).padStart(2, "0")}`,
    diskId: disk(index + 1),
    sizeGiB: 1024,
  }));
}

const TWO_APPLIANCES: StoredVolumeGatewayArgs["appliances"] = [
  { gatewayIpAddress: "10.20.1.10" },
  { activationKey: "ABCDE-12345-FGHIJ-67890-KLMNO", networkInterfaceIp: "10.20.1.11" },
];

function issuesOf(args: StoredVolumeGatewayArgs): string {
  const issues = new Issues();
  validateStoredVolumeGatewayArgs(args, issues);
  return formatIssues(issues.all);
}

/** The endpoint's DNS entries, which the provider computes: a zonal name first, as AWS may list them. */
function withEndpointDnsEntries(): () => void {
  const original = mocks.newResource.bind(mocks);
  mocks.newResource = (args) => {
    const result = original(args);
    if (args.type === T.endpoint && result.id !== undefined) {
      (result.state as Record<string, unknown>).dnsEntries = [
        { dnsName: ZONAL_DNS, hostedZoneId: "Z7HUB22UULQXV" },
        { dnsName: REGIONAL_DNS, hostedZoneId: "Z7HUB22UULQXV" },
      ];
    }
    return result;
  };
  return () => {
    delete (mocks as { newResource?: unknown }).newResource;
  };
}

describe("StoredVolumeGateway", () => {
  let restore: () => void;
  before(() => {
    restore = withEndpointDnsEntries();
  });
  after(() => restore());

  describe("resources", () => {
    beforeEach(async () => {
      await useMocks({ preview: false });
    });

    it("creates exactly the site's children, all parented to the component", async () => {
      new StoredVolumeGateway("dc1", BASE);
      await settled();
      const expected: Array<[string, string]> = [
        [T.key, "dc1-key"],
        [T.logs, "dc1-logs"],
        [T.sg, "dc1-endpoint-sg"],
        [T.rule, "dc1-endpoint-443-10-20-0-0-16"],
        [T.rule, "dc1-endpoint-1026-1028-10-20-0-0-16"],
        [T.rule, "dc1-endpoint-1031-10-20-0-0-16"],
        [T.rule, "dc1-endpoint-2222-10-20-0-0-16"],
        [T.endpoint, "dc1-endpoint"],
        [T.gateway, "dc1-gw-1"],
        [T.buffer, "dc1-gw-1-buffer-pci-0000-03-00-0-scsi-0-0-0-0"],
        [T.volume, "dc1-vol-db-01"],
        [T.volume, "dc1-vol-files-01"],
      ];
      expected.sort((a, b) => (a[0] + a[1]).localeCompare(b[0] + b[1]));
      assert.deepStrictEqual(childrenOf(COMPONENT_URN), expected);
      assert.equal(one(T.volume, "dc1-vol-db-01").urn, childUrn(T.volume, "dc1-vol-db-01"));
      assert.equal(mocks.resources.filter((r) => r.custom && r.parent !== COMPONENT_URN).length, 0);
    });

    it("encrypts with a rotating customer managed key and logs to a log group with retention", async () => {
      new StoredVolumeGateway("dc1", BASE);
      await settled();
      const tags = { environment: "prod", "on-premises-site": "dc1" };
      assert.deepStrictEqual(inputsOf(T.key, "dc1-key"), {
        description: "Encrypts the stored volumes of the on-premises site dc1 in AWS.",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        tags,
      });
      assert.deepStrictEqual(inputsOf(T.logs, "dc1-logs"), {
        name: "/aws/storagegateway/dc1",
        retentionInDays: 365,
        tags,
      });
    });

    it("admits only the on-premises ranges on the Storage Gateway endpoint ports, over a private interface endpoint", async () => {
      new StoredVolumeGateway("dc1", {
        ...BASE,
        onPremisesCidrs: ["10.20.0.0/16", "192.168.8.0/24"],
      });
      await settled();
      const tags = { environment: "prod", "on-premises-site": "dc1" };
      assert.deepStrictEqual(inputsOf(T.sg, "dc1-endpoint-sg"), {
        name: "dc1-storage-gateway-endpoint",
        description: "Storage Gateway endpoint of the site dc1: on-premises ranges only",
        vpcId: "vpc-0a1b2c3d4e5f67890",
        tags,
      });
      const rules = ofType(T.rule).map((r) => {
        const i = inputsOf(T.rule, r.name);
        return [r.name, i.cidrIpv4, i.ipProtocol, i.fromPort, i.toPort, i.securityGroupId];
      });
      const sgId = "dc1-endpoint-sg-id";
      assert.deepStrictEqual(rules, [
        ["dc1-endpoint-443-10-20-0-0-16", "10.20.0.0/16", "tcp", 443, 443, sgId],
        ["dc1-endpoint-1026-1028-10-20-0-0-16", "10.20.0.0/16", "tcp", 1026, 1028, sgId],
        ["dc1-endpoint-1031-10-20-0-0-16", "10.20.0.0/16", "tcp", 1031, 1031, sgId],
        ["dc1-endpoint-2222-10-20-0-0-16", "10.20.0.0/16", "tcp", 2222, 2222, sgId],
        ["dc1-endpoint-443-192-168-8-0-24", "192.168.8.0/24", "tcp", 443, 443, sgId],
        ["dc1-endpoint-1026-1028-192-168-8-0-24", "192.168.8.0/24", "tcp", 1026, 1028, sgId],
        ["dc1-endpoint-1031-192-168-8-0-24", "192.168.8.0/24", "tcp", 1031, 1031, sgId],
        ["dc1-endpoint-2222-192-168-8-0-24", "192.168.8.0/24", "tcp", 2222, 2222, sgId],
      ]);
      assert.equal(
        inputsOf(T.rule, "dc1-endpoint-1026-1028-10-20-0-0-16").description,
        "Storage Gateway TCP 1026-1028 from 10.20.0.0/16",
      );
      assert.deepStrictEqual(inputsOf(T.endpoint, "dc1-endpoint"), {
        vpcId: "vpc-0a1b2c3d4e5f67890",
        serviceName: "com.amazonaws.us-east-1.storagegateway",
        vpcEndpointType: "Interface",
        privateDnsEnabled: false,
        subnetIds: ["subnet-0a1b2c3d4e5f67890", "subnet-0b1c2d3e4f5a67890"],
        securityGroupIds: [sgId],
        tags,
      });
    });

    it("activates a STORED gateway through the endpoint's regional DNS name, after the ingress rules", async () => {
      const site = new StoredVolumeGateway("dc1", BASE);
      await settled();
      assert.deepStrictEqual(inputsOf(T.gateway, "dc1-gw-1"), {
        gatewayName: "dc1-gw-1",
        gatewayType: "STORED",
        gatewayTimezone: "GMT+1:00",
        gatewayIpAddress: "10.20.1.10",
        gatewayVpcEndpoint: REGIONAL_DNS,
        cloudwatchLogGroupArn: arn("cloudwatch", "loggroup", "dc1-logs"),
        averageUploadRateLimitInBitsPerSec: 500_000_000,
        averageDownloadRateLimitInBitsPerSec: 100_000_000,
        maintenanceStartTime: { hourOfDay: 2, minuteOfHour: 30, dayOfWeek: "0" },
        tags: { environment: "prod", "on-premises-site": "dc1" },
      });
      const rules = ofType(T.rule).map((r) => r.urn);
      for (const rule of rules) assert.ok(one(T.gateway, "dc1-gw-1").dependencies.includes(rule));
      assert.equal(await valueOf(site.endpointDnsName), REGIONAL_DNS);
      assert.deepStrictEqual(await valueOf(site.gatewayArns), [
        arn("storagegateway", "gateway", "dc1-gw-1"),
      ]);
    });

    it("adds the upload buffers and then the volumes, encrypted with the site key and tagged with the tier", async () => {
      const site = new StoredVolumeGateway("dc1", BASE);
      await settled();
      const gatewayArn = arn("storagegateway", "gateway", "dc1-gw-1");
      const bufferName = "dc1-gw-1-buffer-pci-0000-03-00-0-scsi-0-0-0-0";
      assert.deepStrictEqual(inputsOf(T.buffer, bufferName), { gatewayArn, diskId: BUFFER_DISK });
      const volumeTags = {
        environment: "prod",
        "on-premises-site": "dc1",
        "backup-tier": "gold",
        "snapshot-interval-hours": "4",
      };
      assert.deepStrictEqual(inputsOf(T.volume, "dc1-vol-db-01"), {
        gatewayArn,
        diskId: disk(1),
        networkInterfaceId: "10.20.1.10",
        targetName: "db-01",
        preserveExistingData: true,
        kmsEncrypted: true,
        kmsKey: arn("kms", "key", "dc1-key"),
        tags: volumeTags,
      });
      assert.equal(inputsOf(T.volume, "dc1-vol-files-01").targetName, "files.share-01");
      assert.ok(
        one(T.volume, "dc1-vol-db-01").dependencies.includes(childUrn(T.buffer, bufferName)),
      );
      assert.equal(one(T.volume, "dc1-vol-db-01").protect, false);
      assert.deepStrictEqual(await valueOf(site.placement), {
        "db-01": "dc1-gw-1",
        "files-01": "dc1-gw-1",
      });
      assert.deepStrictEqual(await valueOf(site.volumeArns), {
        "db-01": arn("storagegateway", "storediscsivolume", "dc1-vol-db-01"),
        "files-01": arn("storagegateway", "storediscsivolume", "dc1-vol-files-01"),
      });
      assert.equal(await valueOf(site.snapshotIntervalHours), 4);
    });

    it("uses the tier tag key, snapshot interval and log retention it is given, and defaults otherwise", async () => {
      new StoredVolumeGateway("dc1", {
        ...BASE,
        tierTagKey: "backup/tier",
        snapshotIntervalHours: undefined,
        logRetentionDays: 731,
        maintenance: undefined,
        bandwidth: undefined,
      });
      await settled();
      assert.deepStrictEqual(inputsOf(T.volume, "dc1-vol-db-01").tags, {
        environment: "prod",
        "on-premises-site": "dc1",
        "backup/tier": "gold",
        "snapshot-interval-hours": "24",
      });
      assert.equal(inputsOf(T.logs, "dc1-logs").retentionInDays, 731);
      const gateway = inputsOf(T.gateway, "dc1-gw-1");
      assert.equal("maintenanceStartTime" in gateway, false);
      assert.equal("averageUploadRateLimitInBitsPerSec" in gateway, false);
    });

    it("erases a disk only for a volume that acknowledges it", async () => {
      new StoredVolumeGateway("dc1", {
        ...BASE,
        volumes: [
          {
            name: "scratch",
            diskId: disk(1),
            sizeGiB: 100,
            preserveExistingData: false,
            acknowledgeDataLoss: true,
          },
          {
            name: "restored",
            diskId: disk(2),
            sizeGiB: 100,
            preserveExistingData: false,
            acknowledgeDataLoss: true,
            snapshotId: "snap-0123456789abcdef0",
          },
        ],
      });
      await settled();
      assert.equal(inputsOf(T.volume, "dc1-vol-scratch").preserveExistingData, false);
      assert.equal(inputsOf(T.volume, "dc1-vol-restored").snapshotId, "snap-0123456789abcdef0");
    });

    it("scales out: 33 volumes make two gateways, one per appliance, the second activated by a secret key", async () => {
      const site = new StoredVolumeGateway("dc1", {
        ...BASE,
        appliances: TWO_APPLIANCES,
        volumes: manyVolumes(33),
      });
      await settled();
      assert.deepStrictEqual(
        ofType(T.gateway).map((g) => g.name),
        ["dc1-gw-1", "dc1-gw-2"],
      );
      const second = one(T.gateway, "dc1-gw-2");
      assert.deepStrictEqual(second.inputs.activationKey, {
        [SIG_KEY]: SECRET_SIG,
        value: "ABCDE-12345-FGHIJ-67890-KLMNO",
      });
      assert.equal("gatewayIpAddress" in second.inputs, false);
      const onGateway = (name: string) =>
        ofType(T.volume)
          .filter(
            (v) => inputsOf(T.volume, v.name).gatewayArn === arn("storagegateway", "gateway", name),
          )
          .map((v) => v.name);
      // Each volume sits on the gateway its name ranks first among the two.
      const ranked = (gateway: number) =>
        manyVolumes(33)
          .filter((volume) => rankedGateway(volume.name, 2) === gateway)
          .map((volume) => `dc1-vol-${volume.name}`);
      assert.deepStrictEqual(onGateway("dc1-gw-1"), ranked(1));
      assert.deepStrictEqual(onGateway("dc1-gw-2"), ranked(2));
      assert.ok(ranked(1).length > 0 && ranked(2).length > 0);
      const onSecond = ranked(2)[0]!;
      assert.equal(inputsOf(T.volume, onSecond).networkInterfaceId, "10.20.1.11");
      assert.deepStrictEqual(
        ofType(T.buffer).map((b) => b.name),
        [
          "dc1-gw-1-buffer-pci-0000-03-00-0-scsi-0-0-0-0",
          "dc1-gw-2-buffer-pci-0000-03-00-0-scsi-0-0-0-0",
        ],
      );
      const placement = (await valueOf(site.placement)) as Record<string, string>;
      assert.equal(placement["vol-32"], `dc1-gw-${rankedGateway("vol-32", 2)}`);
      assert.equal(placement["vol-33"], `dc1-gw-${rankedGateway("vol-33", 2)}`);
    });

    it("adding or removing a volume leaves every other volume with its name and on its gateway", async () => {
      const snapshot = async (count: number) => {
        await useMocks({ preview: false });
        new StoredVolumeGateway("dc1", {
          ...BASE,
          appliances: TWO_APPLIANCES,
          volumes: manyVolumes(count),
        });
        await settled();
        return new Map(
          ofType(T.volume).map((v) => [v.name, inputsOf(T.volume, v.name).gatewayArn] as const),
        );
      };
      const before = await snapshot(40);
      const after = await snapshot(41);
      assert.equal(after.size, 41);
      for (const [name, gateway] of before) assert.equal(after.get(name), gateway, name);
      assert.equal(
        after.get("dc1-vol-vol-41"),
        arn("storagegateway", "gateway", `dc1-gw-${rankedGateway("vol-41", 2)}`),
      );
      // Removing the first volume moves none of the 39 others.
      await useMocks({ preview: false });
      new StoredVolumeGateway("dc1", {
        ...BASE,
        appliances: TWO_APPLIANCES,
        volumes: manyVolumes(40).slice(1),
      });
      await settled();
      const removed = ofType(T.volume);
      assert.equal(removed.length, 39);
      for (const volume of removed) {
        assert.equal(
          inputsOf(T.volume, volume.name).gatewayArn,
          before.get(volume.name),
          volume.name,
        );
      }
    });

    it("protects the gateway, the volumes and the key, and nothing else, when asked", async () => {
      new StoredVolumeGateway("dc1", { ...BASE, protect: true });
      await settled();
      const holders = ["dc1-gw-1", "dc1-key", "dc1-vol-db-01", "dc1-vol-files-01"];
      const names = (pick: (r: (typeof mocks.resources)[number]) => boolean) =>
        mocks.resources
          .filter(pick)
          .map((r) => r.name)
          .sort();
      assert.deepStrictEqual(
        names((r) => r.protect),
        holders,
      );
      assert.deepStrictEqual(
        names((r) => r.retainOnDelete),
        holders,
      );
    });

    it("retains the gateway, the volumes and the key on delete unless told otherwise", async () => {
      new StoredVolumeGateway("dc1", BASE);
      await settled();
      const retained = mocks.resources
        .filter((r) => r.retainOnDelete)
        .map((r) => r.name)
        .sort();
      assert.deepStrictEqual(retained, [
        "dc1-gw-1",
        "dc1-key",
        "dc1-vol-db-01",
        "dc1-vol-files-01",
      ]);
      assert.equal(mocks.resources.filter((r) => r.protect).length, 0);
    });

    it("passes the region to every child and names the region's endpoint service", async () => {
      new StoredVolumeGateway("dc1", { ...BASE, region: "eu-central-1" });
      await settled();
      const children = mocks.resources.filter((r) => r.parent === COMPONENT_URN);
      assert.deepStrictEqual(
        children
          .filter((r) => inputsOf(r.type, r.name).region !== "eu-central-1")
          .map((r) => r.name),
        [],
      );
      assert.equal(
        inputsOf(T.endpoint, "dc1-endpoint").serviceName,
        "com.amazonaws.eu-central-1.storagegateway",
      );
    });
  });

  describe("preview", () => {
    beforeEach(async () => {
      await useMocks({ preview: true });
    });

    it("keeps provider-computed ARNs and the endpoint DNS name unknown, and the placement known", async () => {
      const site = new StoredVolumeGateway("dc1", BASE);
      await settled();
      const volume = inputsOf(T.volume, "dc1-vol-db-01");
      assert.equal(volume.gatewayArn, UNKNOWN);
      assert.equal(volume.kmsKey, UNKNOWN);
      assert.equal(volume.diskId, disk(1));
      assert.equal(inputsOf(T.gateway, "dc1-gw-1").gatewayVpcEndpoint, UNKNOWN);
      assert.equal(inputsOf(T.gateway, "dc1-gw-1").cloudwatchLogGroupArn, UNKNOWN);
      assert.equal(await valueOf(site.gatewayArns), UNKNOWN);
      assert.deepStrictEqual(await valueOf(site.placement), {
        "db-01": "dc1-gw-1",
        "files-01": "dc1-gw-1",
      });
    });
  });

  describe("validation", () => {
    beforeEach(async () => {
      await useMocks({ preview: false });
    });

    it("accepts the base site", () => {
      assert.equal(issuesOf(BASE), "");
    });

    it("keeps existing data unless a volume acknowledges the loss, and refuses stale acknowledgements", () => {
      const volume = (extra: Partial<StoredVolumeSpec>): StoredVolumeGatewayArgs => ({
        ...BASE,
        volumes: [{ name: "db-01", diskId: disk(1), sizeGiB: 100, ...extra }],
      });
      assert.equal(
        issuesOf(volume({ preserveExistingData: false })),
        '[volumes[0].preserveExistingData] is false, which creates an empty volume and erases the data on disk "pci-0000:03:00.0-scsi-0:0:1:0"; set acknowledgeDataLoss: true on this volume to confirm, or remove preserveExistingData to keep the data.',
      );
      assert.equal(
        issuesOf(volume({ preserveExistingData: false, acknowledgeDataLoss: true })),
        "",
      );
      assert.equal(
        issuesOf(volume({ acknowledgeDataLoss: true })),
        "[volumes[0].acknowledgeDataLoss] is true, but the volume keeps the data on its disk (preserveExistingData is not false); remove the acknowledgement so that it cannot approve a later change by accident.",
      );
      assert.equal(
        issuesOf(volume({ snapshotId: "snap-0123abcd" })),
        '[volumes[0].snapshotId] restores "snap-0123abcd" onto disk "pci-0000:03:00.0-scsi-0:0:1:0", which overwrites the disk; set preserveExistingData: false and acknowledgeDataLoss: true on this volume to confirm.',
      );
      assert.equal(
        issuesOf(
          volume({
            snapshotId: "snap-0123abcd",
            preserveExistingData: false,
            acknowledgeDataLoss: true,
          }),
        ),
        "",
      );
    });

    it("checks the names, disks, targets, addresses and snapshot ids of volumes", () => {
      const args: StoredVolumeGatewayArgs = {
        ...BASE,
        volumes: [
          {
            name: "DB_01",
            diskId: "",
            sizeGiB: 0,
            targetName: "Target",
            networkInterfaceIp: "10.20.1",
            snapshotId: "snap-0123abc",
            preserveExistingData: false,
            acknowledgeDataLoss: true,
          },
          { name: "ok-1", diskId: disk(1), sizeGiB: 1, targetName: "a".repeat(200) },
          { name: "ok-2", diskId: "d".repeat(300), sizeGiB: 16384 },
        ],
      };
      assert.equal(
        issuesOf(args),
        [
          '[volumes[0].name] is "DB_01", but must be 1-63 lowercase letters, digits or hyphens, not starting or ending with a hyphen.',
          '[volumes[0].diskId] is "", but must be a local disk id of 1-300 characters, as ListLocalDisks reports it.',
          '[volumes[0].targetName] is "Target", but must be 1-200 lowercase letters, digits, hyphens, periods or semicolons.',
          '[volumes[0].networkInterfaceIp] is "10.20.1", but must be an IPv4 address such as 10.20.1.15.',
          '[volumes[0].snapshotId] is "snap-0123abc", but must be a snapshot id: "snap-" followed by 8 or 17 lowercase hexadecimal digits.',
          "[volumes[0].sizeGiB] is 0, but must be a whole number from 1 to 16384 GiB.",
        ].join("\n"),
      );
    });

    it("needs unique volume names, and disks and target names unique per gateway", () => {
      // Pinned, so that which volumes share a gateway is fixed: 32 on the first, 2 on the second.
      const volumes = manyVolumes(34).map((volume, index) => ({
        ...volume,
        gateway: index < 32 ? 1 : 2,
      }));
      volumes[1] = { ...volumes[1]!, name: "vol-01" };
      volumes[2] = { ...volumes[2]!, diskId: disk(1) };
      volumes[3] = { ...volumes[3]!, targetName: "vol-01" };
      // On gateway 2, the same disk and target names as on gateway 1 are fine.
      volumes[32] = { ...volumes[32]!, diskId: disk(1), targetName: "vol-05" };
      volumes[33] = { ...volumes[33]!, diskId: BUFFER_DISK };
      assert.equal(
        issuesOf({ ...BASE, appliances: TWO_APPLIANCES, volumes }),
        [
          '[volumes[1].name] repeats the volume name "vol-01" already used at index 0.',
          '[volumes[2].diskId] repeats "pci-0000:03:00.0-scsi-0:0:1:0" of volumes[0] on dc1-gw-1, but each volume of a gateway needs its own disk.',
          '[volumes[1].targetName] repeats "vol-01" of volumes[0] on dc1-gw-1, but each volume of a gateway needs its own iSCSI target name.',
          '[volumes[3].targetName] repeats "vol-01" of volumes[0] on dc1-gw-1, but each volume of a gateway needs its own iSCSI target name.',
          '[volumes[33].diskId] is "pci-0000:03:00.0-scsi-0:0:0:0", an upload buffer disk of dc1-gw-2; a disk is either upload buffer or stored volume.',
        ].join("\n"),
      );
    });

    it("names how many appliances the placement needs when too few are declared", () => {
      assert.equal(
        issuesOf({ ...BASE, volumes: manyVolumes(33) }),
        "[appliances] declares 1 appliance, but the 33 volumes need 2 gateways (at most 32 volumes and 512 TiB each, one appliance per gateway): declare 1 more appliance.",
      );
      assert.equal(issuesOf({ ...BASE, volumes: manyVolumes(32) }), "");
      const volumes = manyVolumes(3).map((v, i) => (i === 2 ? { ...v, gateway: 3 } : v));
      assert.equal(
        issuesOf({ ...BASE, appliances: TWO_APPLIANCES, volumes }),
        "[volumes[2].gateway] is 3, but must be a whole number from 1 to 2 (the site declares 2 appliances, one per gateway).",
      );
    });

    it("activates each gateway with exactly one of an address and a key", () => {
      assert.equal(
        issuesOf({
          ...BASE,
          appliances: [
            { gatewayIpAddress: "10.20.1.10", activationKey: "KEY" },
            {},
            {
              gatewayIpAddress: "10.20.1.300",
              activationKey: "K".repeat(51),
              networkInterfaceIp: "x",
            },
            { gatewayIpAddress: "10.20.1.10" },
          ],
        }),
        [
          "[appliances[0]] sets both gatewayIpAddress and an activation key, but a gateway is activated with exactly one of them.",
          "[appliances[1]] sets neither gatewayIpAddress nor an activation key, but a gateway is activated with exactly one of them: set gatewayIpAddress, or store the activation key with `pulumi config set --secret --path 'secrets.activationKeys.dc1-gw-2' <key>`.",
          "[appliances[1].networkInterfaceIp] is missing; an appliance activated with a key must give the IPv4 address on which it exposes its iSCSI targets.",
          "[appliances[2]] sets both gatewayIpAddress and an activation key, but a gateway is activated with exactly one of them.",
          '[appliances[2].gatewayIpAddress] is "10.20.1.300", but must be an IPv4 address such as 10.20.1.15.',
          "[appliances[2].activationKey] has 51 characters, but an activation key has 1-50 (the value is not shown).",
          '[appliances[2].networkInterfaceIp] is "x", but must be an IPv4 address such as 10.20.1.15.',
          '[appliances[3].gatewayIpAddress] repeats the address "10.20.1.10" of appliance 0; each gateway runs on its own appliance.',
        ].join("\n"),
      );
      assert.equal(
        issuesOf({ ...BASE, appliances: [] }),
        "[appliances] is empty, but the site needs at least one appliance: one per gateway.",
      );
    });

    it("sizes the upload buffer of each gateway between 150 GiB and 2 TiB", () => {
      assert.equal(
        issuesOf({ ...BASE, uploadBuffers: [{ diskId: BUFFER_DISK, sizeGiB: 149 }] }),
        "[uploadBuffers] gives each gateway that uses it 149 GiB of upload buffer, but a gateway needs 150-2048 GiB (150 GiB to 2 TiB).",
      );
      assert.equal(
        issuesOf({ ...BASE, uploadBuffers: [{ diskId: BUFFER_DISK, sizeGiB: 150 }] }),
        "",
      );
      assert.equal(
        issuesOf({
          ...BASE,
          uploadBuffers: [
            { diskPath: "/dev/sdb", sizeGiB: 1024 },
            { diskPath: "/dev/sdc", sizeGiB: 1025 },
          ],
        }),
        "[uploadBuffers] gives each gateway that uses it 2049 GiB of upload buffer, but a gateway needs 150-2048 GiB (150 GiB to 2 TiB).",
      );
      assert.equal(
        issuesOf({
          ...BASE,
          appliances: [
            {
              gatewayIpAddress: "10.20.1.10",
              uploadBuffers: [{ diskId: "a", diskPath: "/dev/sdb", sizeGiB: 100 }, {} as never],
            },
          ],
        }),
        [
          "[appliances[0].uploadBuffers[0]] sets both diskId and diskPath, but an upload buffer disk needs exactly one of them.",
          "[appliances[0].uploadBuffers[1]] sets neither diskId nor diskPath, but an upload buffer disk needs exactly one of them.",
          "[appliances[0].uploadBuffers[1].sizeGiB] is undefined, but must be a whole number from 1 to 2048 GiB.",
        ].join("\n"),
      );
      assert.equal(
        issuesOf({ ...BASE, uploadBuffers: [] }),
        "[uploadBuffers] is empty, but every gateway needs 150 GiB to 2 TiB of upload buffer disks: declare them here, or under each appliance.",
      );
      assert.equal(
        issuesOf({
          ...BASE,
          uploadBuffers: [],
          appliances: [
            {
              gatewayIpAddress: "10.20.1.10",
              uploadBuffers: [{ diskPath: "/dev/sdb", sizeGiB: 200 }],
            },
          ],
        }),
        "",
      );
    });

    it("checks the site's network, time zone, schedule, bandwidth, maintenance window and retention", () => {
      const args: StoredVolumeGatewayArgs = {
        ...BASE,
        siteName: "DC 1",
        region: "eu-middle-1",
        tier: "none",
        onPremisesCidrs: ["10.20.1.0/16", "0.0.0.0/0", "10.30.0.0/33"],
        vpcId: "vpc-123",
        subnetIds: ["subnet-0a1b2c3d", "subnet-0a1b2c3d"],
        timezone: "UTC+1",
        snapshotIntervalHours: 6,
        bandwidth: {
          averageUploadRateLimitInBitsPerSec: 51_199,
          averageDownloadRateLimitInBitsPerSec: 102_399,
        },
        maintenance: { hourOfDay: 24, minuteOfHour: 60, dayOfWeek: 7, dayOfMonth: 29 },
        logRetentionDays: 0,
      };
      assert.equal(
        issuesOf(args),
        [
          '[siteName] is "DC 1", but must be 2-32 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen.',
          '[region] is "eu-middle-1", but must be an AWS region name such as us-east-1.',
          '[tier] is "none", but the volumes of a site are backed up: name the tier whose plans protect them.',
          '[onPremisesCidrs[0]] is "10.20.1.0/16", but a CIDR block must start at its network address: 10.20.0.0/16.',
          "[onPremisesCidrs[1]] admits every address, but the endpoint must admit only the on-premises ranges.",
          '[onPremisesCidrs[2]] is "10.30.0.0/33", but must be an IPv4 CIDR block such as 10.20.0.0/16.',
          '[vpcId] is "vpc-123", but must be a VPC id: "vpc-" followed by 8 or 17 lowercase hexadecimal digits.',
          '[subnetIds[1]] repeats the subnet "subnet-0a1b2c3d" already used at index 0.',
          '[timezone] is "UTC+1", but must be a time zone written "GMT", "GMT+h:mm" or "GMT-h:mm" (for example GMT+1:00).',
          "[snapshotIntervalHours] is 6, but must be one of 1, 2, 4, 8, 12, 24.",
          "[bandwidth.averageUploadRateLimitInBitsPerSec] is 51199, but must be a whole number of bits per second, at least 51200.",
          "[bandwidth.averageDownloadRateLimitInBitsPerSec] is 102399, but must be a whole number of bits per second, at least 102400.",
          "[maintenance.hourOfDay] is 24, but must be a whole number from 0 to 23.",
          "[maintenance.minuteOfHour] is 60, but must be a whole number from 0 to 59.",
          "[maintenance] sets both dayOfWeek and dayOfMonth, but needs exactly one: dayOfWeek 0-6 (0 is Sunday) or dayOfMonth 1-28.",
          "[maintenance.dayOfWeek] is 7, but must be a whole number from 0 to 6.",
          "[maintenance.dayOfMonth] is 29, but must be a whole number from 1 to 28.",
          "[logRetentionDays] is 0, but must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653.",
        ].join("\n"),
      );
      const nearest: StoredVolumeGatewayArgs = {
        ...BASE,
        siteName: "dc",
        region: "eu-central-1",
        onPremisesCidrs: ["10.20.0.0/16", "0.0.0.0/1"],
        timezone: "GMT",
        snapshotIntervalHours: 8,
        bandwidth: {
          averageUploadRateLimitInBitsPerSec: 51_200,
          averageDownloadRateLimitInBitsPerSec: 102_400,
        },
        maintenance: { hourOfDay: 23, minuteOfHour: 59, dayOfMonth: 28 },
        logRetentionDays: 3653,
      };
      assert.equal(issuesOf(nearest), "");
      assert.equal(
        issuesOf({ ...BASE, maintenance: { hourOfDay: 0 }, onPremisesCidrs: [], subnetIds: [] }),
        [
          "[onPremisesCidrs] is empty, but the endpoint must admit the on-premises ranges of the appliances.",
          "[subnetIds] is empty, but the endpoint needs at least one subnet (one per Availability Zone).",
          "[maintenance] sets neither dayOfWeek nor dayOfMonth, but needs exactly one: dayOfWeek 0-6 (0 is Sunday) or dayOfMonth 1-28.",
        ].join("\n"),
      );
    });

    it("leaves ids that are outputs of other resources to AWS", () => {
      assert.equal(
        issuesOf({
          ...BASE,
          vpcId: pulumi.output("vpc-from-another-stack"),
          subnetIds: [pulumi.output("subnet-x")],
        }),
        "",
      );
    });

    it("returns the plan: the gateway of each volume and the number of gateways", () => {
      const plan = planStoredVolumeGateway(
        { ...BASE, appliances: TWO_APPLIANCES, volumes: manyVolumes(20) },
        new Issues(),
      );
      assert.equal(plan.gatewayCount, 2);
      assert.deepStrictEqual(
        plan.placement.gatewayOf,
        manyVolumes(20).map((volume) => rankedGateway(volume.name, 2)),
      );
    });

    it("throws every problem before creating any child", async () => {
      const args = { ...BASE, timezone: "CET", volumes: manyVolumes(33) };
      const expected = [
        '[timezone] is "CET", but must be a time zone written "GMT", "GMT+h:mm" or "GMT-h:mm" (for example GMT+1:00).',
        "[appliances] declares 1 appliance, but the 33 volumes need 2 gateways (at most 32 volumes and 512 TiB each, one appliance per gateway): declare 1 more appliance.",
      ].join("\n");
      assert.throws(
        () => new StoredVolumeGateway("bad", args),
        (err: unknown) =>
          err instanceof pulumi.ResourceError &&
          err.message === `StoredVolumeGateway bad has 2 problems:\n${expected}`,
      );
      await settled();
      assert.deepStrictEqual(
        mocks.resources.filter((r) => r.parent?.endsWith("::bad")),
        [],
      );
    });
  });
});

describe("storage gateway rules", () => {
  it("picks the regional endpoint name, not a zonal one", () => {
    assert.equal(
      regionalDnsName([{ dnsName: ZONAL_DNS }, { dnsName: REGIONAL_DNS }]),
      REGIONAL_DNS,
    );
    assert.equal(regionalDnsName([{ dnsName: ZONAL_DNS }]), ZONAL_DNS);
    assert.equal(regionalDnsName([]), undefined);
    assert.equal(regionalDnsName(undefined), undefined);
  });

  it("names the endpoint service of commercial and China regions", () => {
    assert.equal(storageGatewayServiceName("us-east-1"), "com.amazonaws.us-east-1.storagegateway");
    assert.equal(
      storageGatewayServiceName("cn-north-1"),
      "cn.com.amazonaws.cn-north-1.storagegateway",
    );
  });

  it("derives the longest snapshot interval within an RPO", () => {
    assert.deepStrictEqual([0.5, 1, 3, 4, 7, 8, 12, 23, 24, 25, 168].map(snapshotIntervalForRpo), [
      undefined,
      1,
      2,
      4,
      4,
      8,
      12,
      12,
      24,
      24,
      24,
    ]);
  });
});

describe("on-premises path in the stacks", () => {
  it("prod protects every stored volume and site key, spreads dc-ashburn over two gateways and rides Direct Connect", async () => {
    const run = await runStack("prod");
    const volumes = run.resources.filter((r) => r.type === T.volume);
    assert.equal(volumes.length, 46);
    assert.deepStrictEqual(
      volumes.filter((v) => !v.protect).map((v) => v.name),
      [],
    );
    const siteKeys = run.resources.filter(
      (r) => r.type === T.key && /-dc-[a-z]+-key$/.test(r.name),
    );
    assert.deepStrictEqual(
      siteKeys.map((k) => [k.name, k.protect]),
      [
        ["prod-dc-ashburn-key", true],
        ["prod-dc-chicago-key", true],
      ],
    );
    assert.deepStrictEqual(
      run.resources.filter((r) => r.type === T.gateway).map((g) => g.name),
      ["prod-dc-ashburn-gw-1", "prod-dc-ashburn-gw-2", "prod-dc-chicago-gw-1"],
    );
    const site = run.resources.find((r) => r.name === "prod-dc-ashburn")!;
    // Depending on the attachment means depending on each of its children, the link included.
    const vif = run.resources.find((r) => r.name === "prod-dx-vif-transit-ashburn")!;
    assert.ok(site.dependencies.includes(vif.urn));
    const tags = decode(volumes[0]!.inputs.tags) as Record<string, string>;
    assert.equal(tags["backup-tier"], "silver");
    assert.equal(tags["snapshot-interval-hours"], "12");
  });

  it("staging protects nothing and needs no secret", async () => {
    const run = await runStack("staging");
    assert.deepStrictEqual(run.secretPlaceholders, []);
    const onPremises = run.resources.filter(
      (r) => r.type.startsWith("aws:storagegateway/") || r.type.startsWith("aws:directconnect/"),
    );
    assert.deepStrictEqual(
      onPremises.filter((r) => r.protect).map((r) => r.name),
      [],
    );
    assert.equal(onPremises.filter((r) => r.type === T.volume).length, 3);
  });
});
