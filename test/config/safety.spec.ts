import * as assert from "node:assert/strict";
import {
  Issues,
  formatIssues,
  SECRET_PLACEHOLDER,
  REDACTED,
  clearTextLeaves,
  redact,
} from "../../core";
import { validateStackConfig } from "../../config/stack-config";
import { SECRET_PLACEHOLDER as PREVIEW_PLACEHOLDER } from "../../preview/stack-files";
import { checkSecretsInClear } from "../../config/sections/secrets";
import { stackValues } from "../helpers/stack";

type Json = Record<string, unknown>;
const PROD = stackValues("prod");
const STAGING = stackValues("staging");

function errorsOf(base: typeof PROD, change: (values: Json) => void): string {
  const values = structuredClone(base.values);
  change(values);
  return formatIssues(validateStackConfig(values, base.region).issues);
}

const prod = (change: (values: Json) => void) => errorsOf(PROD, change);
const staging = (change: (values: Json) => void) => errorsOf(STAGING, change);
const at = (values: Json, ...path: Array<string | number>): Json =>
  path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, values);

describe("stack configuration refusals", () => {
  it("accepts both stacks as they are", () => {
    assert.equal(
      prod(() => undefined),
      "",
    );
    assert.equal(
      staging(() => undefined),
      "",
    );
  });

  describe("break-glass roles", () => {
    it("refuses a deploy role as a break-glass role of the primary vault", () => {
      assert.equal(
        prod((v) => {
          (at(v, "backup", "vault").breakGlassRoleArns as string[]).push(
            "arn:aws:iam::111111111111:role/platform-deploy",
          );
        }),
        '[hybrid-backup:backup.vault.breakGlassRoleArns[1]] is "arn:aws:iam::111111111111:role/platform-deploy", a role the stack deploys with (hybrid-backup:accounts.deployRoleArns or hybrid-backup:dr.roleArn), but a break-glass role must be one no deploying identity can use: otherwise stolen deploy credentials could delete recovery points.',
      );
    });

    it("refuses the DR deploy role as a break-glass role of the DR vault", () => {
      assert.equal(
        prod((v) => {
          (at(v, "dr", "vault").breakGlassRoleArns as string[]).push(
            "arn:aws:iam::222222222222:role/backup-dr-deployer",
          );
        }),
        '[hybrid-backup:dr.vault.breakGlassRoleArns[1]] is "arn:aws:iam::222222222222:role/backup-dr-deployer", a role the stack deploys with (hybrid-backup:accounts.deployRoleArns or hybrid-backup:dr.roleArn), but a break-glass role must be one no deploying identity can use: otherwise stolen deploy credentials could delete recovery points.',
      );
    });

    it("refuses a break-glass role of a foreign account", () => {
      assert.equal(
        prod((v) => {
          at(v, "backup", "vault").breakGlassRoleArns = [
            "arn:aws:iam::999999999999:role/backup-break-glass",
          ];
        }),
        "[hybrid-backup:backup.vault.breakGlassRoleArns[0]] is a role of account 999999999999, but the vault is in account 111111111111: a break-glass role must belong to the vault's account, or a foreign account could delete its recovery points.",
      );
    });

    it("needs the DR vault's own break-glass roles in another account", () => {
      assert.equal(
        prod((v) => {
          delete at(v, "dr", "vault").breakGlassRoleArns;
        }),
        "[hybrid-backup:dr.vault.breakGlassRoleArns] is missing, but the DR vault is in account 222222222222: name at least one role of that account, which no deploying identity can assume, that may still delete its recovery points.",
      );
    });
  });

  describe("on-premises sites", () => {
    it("refuses a gateway time zone that is no UTC offset", () => {
      assert.equal(
        staging((v) => {
          at(v, "sites", 0).timezone = "GMT+99:99";
        }),
        '[hybrid-backup:sites[0].timezone] is "GMT+99:99", but must be a UTC offset from GMT-12:00 to GMT+14:00 whose minutes are 00, 30 or 45 (for example GMT+1:00 or GMT+5:30).',
      );
      assert.equal(
        staging((v) => {
          at(v, "sites", 0).timezone = "GMT+5:30";
        }),
        "",
      );
      assert.equal(
        staging((v) => {
          at(v, "sites", 0).timezone = "GMT-12:00";
        }),
        "",
      );
    });

    it("refuses a gateway address outside the site's ranges", () => {
      assert.equal(
        staging((v) => {
          at(v, "sites", 0).appliances = [{ gatewayIpAddress: "10.10.5.11" }];
        }),
        `[hybrid-backup:sites[0].appliances[0].gatewayIpAddress] is "10.10.5.11", which is outside the site's onPremisesCidrs (10.30.0.0/16): the appliance must have an address in one of them.`,
      );
    });

    it("refuses a site id used twice", () => {
      assert.equal(
        prod((v) => {
          at(v, "sites", 1).id = "dc-ashburn";
        }),
        '[hybrid-backup:sites[1].id] repeats the site id (or name, when it has no id) "dc-ashburn" already used at index 0.',
      );
    });
  });

  describe("Direct Connect", () => {
    it("refuses a customer ASN equal to the Amazon-side ASN", () => {
      assert.equal(
        staging((v) => {
          at(v, "directConnect", "interfaces", 0).bgpAsn = 64520;
        }),
        "[hybrid-backup:directConnect.interfaces[0].bgpAsn] is 64520, the Amazon-side ASN of the Direct Connect gateway (gateway.amazonSideAsn), but the customer side of a BGP session needs an ASN of its own.",
      );
    });

    it("refuses a VPN device ASN equal to the transit gateway's", () => {
      assert.equal(
        prod((v) => {
          at(v, "directConnect", "vpn", "customerGateways", 0).bgpAsn = 64513;
        }),
        '[hybrid-backup:directConnect.vpn.customerGateways[0].bgpAsn] is 64513, the Amazon-side ASN of transit gateway "tgw-0a1b2c3d4e5f60021", but the customer side of a BGP session needs an ASN of its own.',
      );
    });

    it("refuses a non-public address for the VPN device", () => {
      assert.equal(
        prod((v) => {
          at(v, "directConnect", "vpn", "customerGateways", 0).ipAddress = "192.168.10.1";
        }),
        '[hybrid-backup:directConnect.vpn.customerGateways[0].ipAddress] is "192.168.10.1", an address of the non-public block 192.168.0.0/16, but the VPN runs over the internet while Direct Connect is down: give the public IPv4 address of the on-premises VPN device.',
      );
    });
  });

  describe("backup and archive", () => {
    it("refuses a restore-testing schedule with a day name AWS does not know", () => {
      assert.equal(
        prod((v) => {
          at(v, "backup", "tiers", "platinum", "restoreTesting").schedule =
            "cron(0 6 ? * SATURDAY *)";
        }),
        '[hybrid-backup:backup.tiers.platinum.restoreTesting.schedule] is "cron(0 6 ? * SATURDAY *)", but its day-of-week field "SATURDAY" is invalid ("SATURDAY" is not a value of this field): the day-of-week field takes 1-7 or SUN-SAT (1 = SUN) and , - * ? / L #.',
      );
    });

    it("refuses an uploader trusting a whole foreign account without a condition", () => {
      const foreign = (extra: Json) =>
        prod((v) => {
          Object.assign(at(v, "archive", "uploaders", 1), {
            trustedPrincipalArns: ["arn:aws:iam::444444444444:root"],
            ...extra,
          });
        });
      assert.equal(
        foreign({}),
        '[hybrid-backup:archive.uploaders[1].trustedPrincipalArns[0]] is "arn:aws:iam::444444444444:root", the whole account 444444444444, not the role\'s account 111111111111, but trusting another account needs externalId or principalOrgId: otherwise anyone that account allows could assume the role.',
      );
      assert.equal(foreign({ externalId: "onprem-log-shipper-7f3a" }), "");
      assert.equal(foreign({ principalOrgId: "o-a1b2c3d4e5" }), "");
      assert.equal(
        foreign({ principalOrgId: "org-1" }),
        '[hybrid-backup:archive.uploaders[1].principalOrgId] is "org-1", but must be an organization id like "o-" followed by 10-32 lowercase letters or digits.',
      );
    });
  });

  describe("secrets", () => {
    const MACSEC_CKN = "0123456789abcdef".repeat(4);

    it("checks MACsec keys as 64 hexadecimal digits without showing them", () => {
      const errors = prod((v) => {
        v.secrets = {
          macsecKeys: { "chicago-secondary": { ckn: "not-hex-at-all-SECRET", cak: MACSEC_CKN } },
        };
      });
      assert.equal(
        errors,
        "[hybrid-backup:secrets.macsecKeys.chicago-secondary.ckn] has 21 characters, not all hexadecimal, but must be 64 hexadecimal digits (the value is not shown).",
      );
    });

    it("never echoes a secret of the wrong shape", () => {
      const errors = prod((v) => {
        v.secrets = { bgpAuthKeys: "hunter2-the-bgp-key", activationKeys: ["ACT1V4T10N-K3Y"] };
      });
      assert.equal(
        errors,
        [
          `[hybrid-backup:secrets.activationKeys] is [${REDACTED}] (a list), but must be a map.`,
          `[hybrid-backup:secrets.bgpAuthKeys] is ${REDACTED} (a string), but must be a map.`,
        ].join("\n"),
      );
    });

    it("accepts the offline placeholder of a secure value", () => {
      assert.equal(SECRET_PLACEHOLDER, PREVIEW_PLACEHOLDER);
      assert.equal(
        prod((v) => {
          v.secrets = { macsecKeys: { "chicago-secondary": { ckn: "[secret]", cak: "[secret]" } } };
        }),
        "",
      );
    });

    it("refuses every clear-text leaf of the secrets key in a stack file, naming it, not showing it", () => {
      const issues = new Issues("hybrid-backup:");
      checkSecretsInClear(
        {
          value: undefined,
          isSecret: true,
          stackFileValue: {
            bgpAuthKeys: { "transit-ashburn": { secure: "v1:abc" } },
            macsecKeys: { "chicago-secondary": { ckn: MACSEC_CKN, cak: { secure: "v1:def" } } },
          },
        },
        issues,
      );
      assert.equal(
        formatIssues(issues.all),
        "[hybrid-backup:secrets.macsecKeys.chicago-secondary.ckn] holds a value in clear text, but a secret must be stored encrypted: remove it from the stack file and set it with `pulumi config set --secret --path 'secrets.macsecKeys.chicago-secondary.ckn' <value>` (the value is not shown).",
      );
    });

    it("without the stack file, refuses the whole key when Pulumi did not mark it secret", () => {
      const check = (isSecret: boolean) => {
        const issues = new Issues("hybrid-backup:");
        checkSecretsInClear({ value: { bgpAuthKeys: { a: "k1", b: "k2" } }, isSecret }, issues);
        return issues.all.map((issue) => issue.path);
      };
      assert.deepStrictEqual(check(false), [
        "hybrid-backup:secrets.bgpAuthKeys.a",
        "hybrid-backup:secrets.bgpAuthKeys.b",
      ]);
      assert.deepStrictEqual(check(true), []);
    });

    it("finds clear-text leaves and redacts quoted and long bare values", () => {
      assert.deepStrictEqual(clearTextLeaves({ a: [1, { secure: "x" }], b: { c: "t" } }, "k"), [
        "k.a[0]",
        "k.b.c",
      ]);
      assert.equal(
        redact('is "s3cr3t-value" and s3cr3t-value, not "ab" or ab', ["s3cr3t-value", "ab"]),
        `is ${REDACTED} and ${REDACTED}, not ${REDACTED} or ab`,
      );
    });
  });
});
