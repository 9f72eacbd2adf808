/**
 * Offline answers to the read-only AWS invokes (data sources) programs call most, so that a program
 * previews without credentials. Every value is plausible and documented in the README ("Offline
 * invoke answers"): the account and region are the stack's, ids are fixed examples of the right
 * shape. `aws:iam/getPolicyDocument` is computed exactly as the provider renders it. Users replace
 * or add answers with `--mocks FILE` ({@link loadMocksFile}).
 */
import * as fs from "node:fs";
import * as yaml from "js-yaml";
import { renderPolicyDocument } from "./policy-document";

/** What an answer sees: the invoke's inputs and the account and region of the stack. */
export interface InvokeContext {
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly accountId: string;
  readonly region: string;
}

export type InvokeAnswer = (context: InvokeContext) => Record<string, unknown>;

/** The example ids the offline answers use. */
export const OFFLINE_IDS = {
  ami: "ami-0abcdef1234567890",
  vpc: "vpc-0a1b2c3d4e5f67890",
  subnets: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"],
  securityGroup: "sg-0a1b2c3d4e5f67890",
  organization: "o-a1b2c3d4e5",
  root: "r-a1b2",
  hostedZone: "Z0123456789ABCDEFGHIJ",
} as const;

function partitionOf(region: string): { partition: string; dnsSuffix: string } {
  if (region.startsWith("cn-")) return { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn" };
  if (region.startsWith("us-gov-")) return { partition: "aws-us-gov", dnsSuffix: "amazonaws.com" };
  return { partition: "aws", dnsSuffix: "amazonaws.com" };
}

const DIRECTION_CODES: Record<string, string> = {
  east: "e",
  west: "w",
  north: "n",
  south: "s",
  central: "c",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
};

/** The zone-id prefix AWS uses for a region: us-east-1 -> use1, ap-southeast-2 -> apse2. */
export function zoneIdPrefix(region: string): string {
  const [area = "", direction = "", number = ""] = region.replace(/^us-gov-/, "usg-").split("-");
  return `${area}${DIRECTION_CODES[direction] ?? direction.slice(0, 1)}${number}`;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function regionOf(context: InvokeContext): string {
  return text(context.inputs.region) ?? context.region;
}

/** The first value of a filter by that name (`filters: [{ name, values }]`), if any. */
function filterValue(inputs: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const filters = inputs.filters;
  if (!Array.isArray(filters)) return undefined;
  for (const filter of filters as unknown[]) {
    const f = filter as { name?: unknown; values?: unknown };
    if (f.name === name && Array.isArray(f.values)) return text(f.values[0]);
  }
  return undefined;
}

function subnet(context: InvokeContext, index: number): Record<string, unknown> {
  const region = regionOf(context);
  const id = OFFLINE_IDS.subnets[index] ?? OFFLINE_IDS.subnets[0];
  const zone = String.fromCharCode(97 + index);
  const { partition } = partitionOf(region);
  return {
    id,
    arn: `arn:${partition}:ec2:${region}:${context.accountId}:subnet/${id}`,
    availabilityZone: `${region}${zone}`,
    availabilityZoneId: `${zoneIdPrefix(region)}-az${index + 1}`,
    cidrBlock: `172.31.${index * 16}.0/20`,
    vpcId: OFFLINE_IDS.vpc,
    defaultForAz: true,
    mapPublicIpOnLaunch: true,
    ownerId: context.accountId,
    state: "available",
    region,
    tags: {},
  };
}

/** The offline answers, by invoke token. */
export const OFFLINE_ANSWERS: Readonly<Record<string, InvokeAnswer>> = {
  "aws:index/getCallerIdentity:getCallerIdentity": ({ accountId }) => ({
    accountId,
    arn: `arn:aws:iam::${accountId}:user/preview`,
    userId: "AIDAPREVIEWEXAMPLE",
    id: accountId,
  }),
  "aws:index/getRegion:getRegion": (context) => {
    const region = regionOf(context);
    return {
      name: region,
      region,
      id: region,
      description: region,
      endpoint: `ec2.${region}.${partitionOf(region).dnsSuffix}`,
    };
  },
  "aws:index/getPartition:getPartition": (context) => {
    const { partition, dnsSuffix } = partitionOf(regionOf(context));
    return {
      partition,
      dnsSuffix,
      reverseDnsPrefix: dnsSuffix.split(".").reverse().join("."),
      id: partition,
    };
  },
  "aws:index/getAvailabilityZones:getAvailabilityZones": (context) => {
    const region = regionOf(context);
    const excluded = new Set([
      ...((context.inputs.excludeNames as string[] | undefined) ?? []),
      ...((context.inputs.excludeZoneIds as string[] | undefined) ?? []),
    ]);
    const zones = ["a", "b", "c"]
      .map((z, i) => ({ name: `${region}${z}`, zoneId: `${zoneIdPrefix(region)}-az${i + 1}` }))
      .filter((z) => !excluded.has(z.name) && !excluded.has(z.zoneId));
    return {
      id: region,
      region,
      names: zones.map((z) => z.name),
      zoneIds: zones.map((z) => z.zoneId),
      groupNames: [region],
      ...(context.inputs.state === undefined ? {} : { state: context.inputs.state }),
    };
  },
  "aws:index/getArn:getArn": ({ inputs }) => {
    const arn = text(inputs.arn) ?? "";
    const parts = arn.split(":");
    if (parts.length < 6 || parts[0] !== "arn") {
      throw new Error(
        `getArn: ${JSON.stringify(arn)} is not an ARN (arn:partition:service:region:account:resource).`,
      );
    }
    return {
      arn,
      id: arn,
      partition: parts[1],
      service: parts[2],
      region: parts[3],
      account: parts[4],
      resource: parts.slice(5).join(":"),
    };
  },
  "aws:ec2/getAmi:getAmi": (context) => {
    const region = regionOf(context);
    const name = filterValue(context.inputs, "name")?.replace(/\*/g, "x") ?? "preview-image";
    const owners = context.inputs.owners;
    const owner = Array.isArray(owners) ? text(owners[0]) : undefined;
    return {
      id: OFFLINE_IDS.ami,
      imageId: OFFLINE_IDS.ami,
      arn: `arn:${partitionOf(region).partition}:ec2:${region}::image/${OFFLINE_IDS.ami}`,
      name,
      architecture: filterValue(context.inputs, "architecture") ?? "x86_64",
      ownerId: owner !== undefined && /^[0-9]{12}$/.test(owner) ? owner : "137112412989",
      imageOwnerAlias: owner !== undefined && !/^[0-9]{12}$/.test(owner) ? owner : "amazon",
      rootDeviceName: "/dev/xvda",
      rootDeviceType: "ebs",
      virtualizationType: "hvm",
      state: "available",
      public: true,
      region,
      tags: {},
    };
  },
  "aws:ec2/getVpc:getVpc": (context) => {
    const region = regionOf(context);
    const id = text(context.inputs.id) ?? OFFLINE_IDS.vpc;
    return {
      id,
      arn: `arn:${partitionOf(region).partition}:ec2:${region}:${context.accountId}:vpc/${id}`,
      cidrBlock: text(context.inputs.cidrBlock) ?? "172.31.0.0/16",
      default: context.inputs.default ?? id === OFFLINE_IDS.vpc,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      instanceTenancy: "default",
      mainRouteTableId: "rtb-0a1b2c3d4e5f67890",
      dhcpOptionsId: "dopt-0a1b2c3d4e5f67890",
      ownerId: context.accountId,
      state: "available",
      region,
      tags: {},
    };
  },
  "aws:ec2/getSubnets:getSubnets": (context) => ({
    id: regionOf(context),
    ids: [...OFFLINE_IDS.subnets],
    region: regionOf(context),
    tags: {},
  }),
  "aws:ec2/getSubnet:getSubnet": (context) => {
    const wanted = text(context.inputs.id);
    const index = wanted === undefined ? 0 : OFFLINE_IDS.subnets.indexOf(wanted as never);
    return {
      ...subnet(context, Math.max(0, index)),
      ...(wanted === undefined ? {} : { id: wanted }),
    };
  },
  "aws:ec2/getSecurityGroup:getSecurityGroup": (context) => {
    const region = regionOf(context);
    const id = text(context.inputs.id) ?? OFFLINE_IDS.securityGroup;
    return {
      id,
      arn: `arn:${partitionOf(region).partition}:ec2:${region}:${context.accountId}:security-group/${id}`,
      name: text(context.inputs.name) ?? "default",
      description: "default VPC security group",
      vpcId: text(context.inputs.vpcId) ?? OFFLINE_IDS.vpc,
      region,
      tags: {},
    };
  },
  "aws:ssm/getParameter:getParameter": (context) => {
    const region = regionOf(context);
    const name = text(context.inputs.name) ?? "";
    const value =
      name.startsWith("/aws/service/") && name.includes("ami")
        ? OFFLINE_IDS.ami
        : `preview-value-of-${name.replace(/^\//, "")}`;
    const arnName = name.startsWith("/") ? name.slice(1) : name;
    return {
      id: name,
      name,
      arn: `arn:${partitionOf(region).partition}:ssm:${region}:${context.accountId}:parameter/${arnName}`,
      type: "String",
      value,
      insecureValue: value,
      version: 1,
      region,
    };
  },
  "aws:organizations/getOrganization:getOrganization": ({ accountId }) => {
    const org = OFFLINE_IDS.organization;
    const account = {
      id: accountId,
      arn: `arn:aws:organizations::${accountId}:account/${org}/${accountId}`,
      name: "management",
      email: "aws-management@example.com",
      status: "ACTIVE",
      state: "ACTIVE",
    };
    return {
      id: org,
      arn: `arn:aws:organizations::${accountId}:organization/${org}`,
      featureSet: "ALL",
      masterAccountId: accountId,
      masterAccountArn: account.arn,
      masterAccountEmail: account.email,
      masterAccountName: account.name,
      accounts: [account],
      nonMasterAccounts: [],
      roots: [
        {
          id: OFFLINE_IDS.root,
          arn: `arn:aws:organizations::${accountId}:root/${org}/${OFFLINE_IDS.root}`,
          name: "Root",
          policyTypes: [],
        },
      ],
      awsServiceAccessPrincipals: [],
      enabledPolicyTypes: [],
    };
  },
  "aws:route53/getZone:getZone": ({ inputs }) => {
    const zoneId = text(inputs.zoneId) ?? OFFLINE_IDS.hostedZone;
    const name = (text(inputs.name) ?? "example.com").replace(/\.$/, "");
    return {
      id: zoneId,
      zoneId,
      name,
      arn: `arn:aws:route53:::hostedzone/${zoneId}`,
      privateZone: inputs.privateZone ?? false,
      nameServers: [
        "ns-0001.awsdns-00.com",
        "ns-0002.awsdns-00.net",
        "ns-0003.awsdns-00.org",
        "ns-0004.awsdns-00.co.uk",
      ],
      primaryNameServer: "ns-0001.awsdns-00.com",
      callerReference: "preview",
      comment: "",
      resourceRecordSetCount: 2,
      linkedServiceDescription: "",
      linkedServicePrincipal: "",
      tags: {},
    };
  },
  "aws:iam/getPolicyDocument:getPolicyDocument": ({ inputs }) => ({
    ...inputs,
    ...renderPolicyDocument(inputs),
  }),
};

/** Thrown for a `--mocks` file that cannot be used; the message names the file and the key. */
export class MocksFileError extends Error {}

const TOKEN = /^[A-Za-z0-9_-]+:[A-Za-z0-9_/.-]*:[A-Za-z0-9_]+$/;

/**
 * Reads a `--mocks` file: JSON or YAML, a map of invoke token to the result that invoke returns,
 * for example `{"aws:ec2/getAmi:getAmi": {"id": "ami-123", "architecture": "arm64"}}`.
 */
export function loadMocksFile(file: string): Record<string, Record<string, unknown>> {
  let raw: unknown;
  try {
    raw = yaml.load(fs.readFileSync(file, "utf8"));
  } catch (err) {
    const reason = err instanceof Error ? (err.message.split("\n")[0] ?? "") : String(err);
    throw new MocksFileError(`--mocks ${file} cannot be read as JSON or YAML: ${reason}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new MocksFileError(
      `--mocks ${file} must be a map of invoke tokens (such as "aws:ec2/getAmi:getAmi") to results.`,
    );
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (const [token, result] of Object.entries(raw as Record<string, unknown>)) {
    if (!TOKEN.test(token)) {
      throw new MocksFileError(
        `--mocks ${file}: ${JSON.stringify(token)} is not an invoke token; tokens look like "aws:ec2/getAmi:getAmi".`,
      );
    }
    if (typeof result !== "object" || result === null || Array.isArray(result)) {
      throw new MocksFileError(
        `--mocks ${file}: the answer for ${token} is ${JSON.stringify(result)}, but must be a map of result properties.`,
      );
    }
    out[token] = result as Record<string, unknown>;
  }
  return out;
}
