/**
 * The AWS side of one on-premises site that keeps its primary data on premises and backs it up to
 * AWS: volume gateways in stored mode (one per on-premises appliance), their upload buffers, one
 * stored iSCSI volume per local disk, spread across the gateways by a stable placement, a
 * customer managed key, a log group, and a Storage Gateway interface endpoint whose security group
 * admits only the on-premises ranges, so that the gateways reach AWS over the private link.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  checkActivationKey,
  DEFAULT_LOG_RETENTION_DAYS,
  DEFAULT_SNAPSHOT_INTERVAL_HOURS,
  SITE_TAG_KEY,
  SNAPSHOT_INTERVAL_TAG_KEY,
  STORAGE_GATEWAY_ENDPOINT_PORTS,
  diskSlug,
  gatewayName,
  portRangeLabel,
  regionalDnsName,
  storageGatewayServiceName,
  Issues,
  ValidationError,
  DEFAULT_TIER_TAG_KEY,
} from "../core";
import { type DataHolderSettings, dataHolderOptions } from "./lib/data-holders";
import { checkedSecret } from "./lib/checked-secret";
import {
  SITE_KEY_DELETION_WINDOW_DAYS,
  StoredVolumeGatewayArgs,
  planStoredVolumeGateway,
} from "../core/stored-volume-gateway-args";

export const STORED_VOLUME_GATEWAY_TYPE = "hybrid-backup:index:StoredVolumeGateway";
export * from "../core/stored-volume-gateway-args";

/**
 * The AWS side of an on-premises site backed up through volume gateways in stored mode: the
 * gateways, their upload buffers and stored volumes, a key, a log group and a private endpoint.
 */
export class StoredVolumeGateway extends pulumi.ComponentResource {
  /** ARNs of the gateways, gateway 1 first. */
  readonly gatewayArns: pulumi.Output<string[]>;
  /** ARN of each stored volume, by volume name. */
  readonly volumeArns: pulumi.Output<Record<string, string>>;
  /** The gateway name (`<site>-gw-<n>`) of each volume, by volume name: what to pin. */
  readonly placement: pulumi.Output<Record<string, string>>;
  /** The customer managed key that encrypts the volumes' data in AWS. */
  readonly kmsKeyArn: pulumi.Output<string>;
  /** The endpoint DNS name the gateways were activated with. */
  readonly endpointDnsName: pulumi.Output<string | undefined>;
  /** The security group of the endpoint, open only to the on-premises ranges. */
  readonly securityGroupId: pulumi.Output<string>;
  /** ARN of the log group of the gateways. */
  readonly logGroupArn: pulumi.Output<string>;
  /** The snapshot interval carried on the volumes' tags. */
  readonly snapshotIntervalHours: pulumi.Output<number>;

  constructor(name: string, args: StoredVolumeGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super(STORED_VOLUME_GATEWAY_TYPE, name, {}, opts);
    const siteName = args.siteName ?? name;
    const issues = new Issues();
    const plan = planStoredVolumeGateway(args, issues);
    if (issues.count > 0) {
      throw new pulumi.ResourceError(
        new ValidationError(`StoredVolumeGateway ${name}`, issues.all).message,
        this,
      );
    }

    const keep: DataHolderSettings = { protect: args.protect, retainOnDelete: args.retainOnDelete };
    const region = args.region;
    const tags: Record<string, string> = { ...(args.tags ?? {}), [SITE_TAG_KEY]: siteName };
    const interval = args.snapshotIntervalHours ?? DEFAULT_SNAPSHOT_INTERVAL_HOURS;
    const volumeTags: Record<string, string> = {
      ...tags,
      [args.tierTagKey ?? DEFAULT_TIER_TAG_KEY]: args.tier,
      [SNAPSHOT_INTERVAL_TAG_KEY]: String(interval),
    };
    const regionName =
      region === undefined
        ? aws.getRegionOutput({}, { parent: this }).region
        : pulumi.output(region);

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Encrypts the stored volumes of the on-premises site ${siteName} in AWS.`,
        enableKeyRotation: true,
        deletionWindowInDays: SITE_KEY_DELETION_WINDOW_DAYS,
        region,
        tags,
      },
      dataHolderOptions(this, keep),
    );

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      {
        name: `/aws/storagegateway/${name}`,
        retentionInDays: args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
        region,
        tags,
      },
      { parent: this },
    );

    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-endpoint-sg`,
      {
        name: `${name}-storage-gateway-endpoint`,
        description: `Storage Gateway endpoint of the site ${siteName}: on-premises ranges only`,
        vpcId: args.vpcId,
        region,
        tags,
      },
      { parent: this },
    );
    const ingressRules = args.onPremisesCidrs.flatMap((cidr) =>
      STORAGE_GATEWAY_ENDPOINT_PORTS.map(
        (ports) =>
          new aws.vpc.SecurityGroupIngressRule(
            `${name}-endpoint-${portRangeLabel(ports)}-${cidr.replace(/[./]/g, "-")}`,
            {
              securityGroupId: securityGroup.id,
              ipProtocol: "tcp",
              fromPort: ports.fromPort,
              toPort: ports.toPort,
              cidrIpv4: cidr,
              description: `Storage Gateway TCP ${portRangeLabel(ports)} from ${cidr}`,
              region,
              tags,
            },
            { parent: this },
          ),
      ),
    );

    // The Volume Gateway guide asks for private DNS off: gateways activate with the endpoint's
    // own regional DNS name, not the service name.
    const endpoint = new aws.ec2.VpcEndpoint(
      `${name}-endpoint`,
      {
        vpcId: args.vpcId,
        serviceName: regionName.apply(storageGatewayServiceName),
        vpcEndpointType: "Interface",
        privateDnsEnabled: false,
        subnetIds: [...args.subnetIds],
        securityGroupIds: [securityGroup.id],
        region,
        tags,
      },
      { parent: this },
    );
    const endpointDnsName = endpoint.dnsEntries.apply((entries) => regionalDnsName(entries));

    const siteBuffers = args.uploadBuffers ?? [];
    const gateways: aws.storagegateway.Gateway[] = [];
    const volumeArns: Record<string, pulumi.Output<string>> = {};
    const placement: Record<string, string> = {};
    for (let number = 1; number <= plan.gatewayCount; number += 1) {
      const appliance = args.appliances[number - 1]!;
      const gwName = gatewayName(name, number);
      const maintenance = args.maintenance;
      const gateway = new aws.storagegateway.Gateway(
        gwName,
        {
          gatewayName: gwName,
          gatewayType: "STORED",
          gatewayTimezone: args.timezone,
          gatewayIpAddress: appliance.gatewayIpAddress,
          activationKey:
            appliance.activationKey === undefined
              ? undefined
              : checkedSecret(
                  appliance.activationKey,
                  checkActivationKey,
                  `appliances[${number - 1}].activationKey`,
                  this,
                ),
          gatewayVpcEndpoint: endpointDnsName,
          cloudwatchLogGroupArn: logGroup.arn,
          averageUploadRateLimitInBitsPerSec: args.bandwidth?.averageUploadRateLimitInBitsPerSec,
          averageDownloadRateLimitInBitsPerSec:
            args.bandwidth?.averageDownloadRateLimitInBitsPerSec,
          maintenanceStartTime:
            maintenance === undefined
              ? undefined
              : {
                  hourOfDay: maintenance.hourOfDay,
                  minuteOfHour: maintenance.minuteOfHour ?? 0,
                  dayOfWeek:
                    maintenance.dayOfWeek === undefined ? undefined : String(maintenance.dayOfWeek),
                  dayOfMonth:
                    maintenance.dayOfMonth === undefined
                      ? undefined
                      : String(maintenance.dayOfMonth),
                },
          region,
          tags,
        },
        // Deleting a gateway deletes its volumes' configuration in AWS: kept like the volumes.
        dataHolderOptions(this, keep, { dependsOn: ingressRules }),
      );
      gateways.push(gateway);

      const buffers = (appliance.uploadBuffers ?? siteBuffers).map(
        (disk) =>
          new aws.storagegateway.UploadBuffer(
            `${gwName}-buffer-${diskSlug(disk.diskId ?? disk.diskPath ?? "")}`,
            { gatewayArn: gateway.arn, diskId: disk.diskId, diskPath: disk.diskPath, region },
            { parent: this },
          ),
      );

      const applianceIp = appliance.networkInterfaceIp ?? appliance.gatewayIpAddress;
      for (const index of plan.placement.gateways[number - 1]?.volumes ?? []) {
        const volume = args.volumes[index]!;
        // Named after the volume alone: adding gateways or volumes never renames an existing one.
        const resource = new aws.storagegateway.StoredIscsiVolume(
          `${name}-vol-${volume.name}`,
          {
            gatewayArn: gateway.arn,
            diskId: volume.diskId,
            networkInterfaceId: volume.networkInterfaceIp ?? applianceIp!,
            targetName: volume.targetName ?? volume.name,
            preserveExistingData: volume.preserveExistingData ?? true,
            snapshotId: volume.snapshotId,
            kmsEncrypted: true,
            kmsKey: key.arn,
            region,
            tags: volumeTags,
          },
          dataHolderOptions(this, keep, { dependsOn: buffers }),
        );
        volumeArns[volume.name] = resource.arn;
        placement[volume.name] = gatewayName(siteName, number);
      }
    }

    this.gatewayArns = pulumi.all(gateways.map((gateway) => gateway.arn));
    this.volumeArns = pulumi.output(volumeArns);
    this.placement = pulumi.output(placement);
    this.kmsKeyArn = key.arn;
    this.endpointDnsName = endpointDnsName;
    this.securityGroupId = securityGroup.id;
    this.logGroupArn = logGroup.arn;
    this.snapshotIntervalHours = pulumi.output(interval);
    this.registerOutputs({
      gatewayArns: this.gatewayArns,
      volumeArns: this.volumeArns,
      placement: this.placement,
      kmsKeyArn: this.kmsKeyArn,
      endpointDnsName: this.endpointDnsName,
      securityGroupId: this.securityGroupId,
      logGroupArn: this.logGroupArn,
      snapshotIntervalHours: this.snapshotIntervalHours,
    });
  }
}
