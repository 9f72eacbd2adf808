import * as assert from "node:assert/strict";
import { backupSelectionCoverage, backupTierTags } from "../../policies/tagging";
import {
  previewAdvisory,
  ResourceFixture,
  runResourcePolicy,
  runStackPolicy,
  secret,
  UNKNOWN,
  urnOf,
} from "../helpers/policy-harness";

const VOLUME = "aws:ebs/volume:Volume";
const SELECTION = "aws:backup/selection:Selection";

function volume(tags: unknown, extra: Partial<ResourceFixture> = {}): ResourceFixture {
  return { type: VOLUME, name: "data", props: { size: 100, tags }, ...extra };
}

describe("policies/tagging", () => {
  describe("backup-tier-tags", () => {
    const TIERS = '"gold", "silver", "bronze" or "none"';

    it("passes a resource tagged with a tier", async () => {
      const outcome = await runResourcePolicy(backupTierTags, volume({ "backup-tier": "gold" }));
      assert.deepEqual(outcome.messages, []);
      assert.deepEqual(outcome.advisories, []);
      assert.equal(outcome.notApplicable, undefined);
      assert.equal(outcome.enforcementLevel, "mandatory");
    });

    it("passes an exempt resource with a reason, and a tier given as a secret", async () => {
      const exempt = await runResourcePolicy(
        backupTierTags,
        volume({ "backup-tier": "none", "backup-exempt-reason": "scratch space" }),
      );
      assert.deepEqual(exempt.messages, []);
      const hidden = await runResourcePolicy(
        backupTierTags,
        volume(secret({ "backup-tier": "silver" })),
      );
      assert.deepEqual(hidden.messages, []);
    });

    it("takes the tier from the provider's default tags, and from tagsAll when known", async () => {
      const fromProvider = await runResourcePolicy(
        backupTierTags,
        volume(
          {},
          {
            provider: {
              props: { region: "eu-west-1", defaultTags: { tags: { "backup-tier": "bronze" } } },
            },
          },
        ),
      );
      assert.deepEqual(fromProvider.messages, []);
      const encoded = await runResourcePolicy(
        backupTierTags,
        volume(undefined, {
          provider: { props: { defaultTags: '{"tags":{"backup-tier":"gold"}}' } },
        }),
      );
      assert.deepEqual(encoded.messages, []);
      const tagsAll = await runResourcePolicy(backupTierTags, {
        type: VOLUME,
        name: "data",
        props: { tags: {}, tagsAll: { "backup-tier": "gold" } },
      });
      assert.deepEqual(tagsAll.messages, []);
    });

    it("fails a resource without the tier tag", async () => {
      const outcome = await runResourcePolicy(backupTierTags, volume({ owner: "db-team" }));
      assert.deepEqual(outcome.messages, [
        `[tags["backup-tier"]] is not set, but must be one of ${TIERS}.`,
      ]);
    });

    it("fails a tier the organization does not have", async () => {
      const outcome = await runResourcePolicy(
        backupTierTags,
        volume({ "backup-tier": "platinum" }),
      );
      assert.deepEqual(outcome.messages, [
        `[tags["backup-tier"]] is "platinum", but must be one of ${TIERS}.`,
      ]);
    });

    it("fails an exemption without a reason, or with a blank one", async () => {
      const missing = await runResourcePolicy(backupTierTags, volume({ "backup-tier": "none" }));
      assert.deepEqual(missing.messages, [
        '[tags["backup-exempt-reason"]] is not set, but must be a reason why the resource needs no backup, as its "backup-tier" tag is "none".',
      ]);
      const blank = await runResourcePolicy(
        backupTierTags,
        volume({ "backup-tier": "none", "backup-exempt-reason": "  " }),
      );
      assert.deepEqual(blank.messages, [
        '[tags["backup-exempt-reason"]] is "  ", but must be a reason why the resource needs no backup, as its "backup-tier" tag is "none".',
      ]);
    });

    it("follows the configured keys and tiers", async () => {
      const config = { tierTagKey: "tier", tiers: ["p1", "p2"], exemptValue: "skip" };
      const pass = await runResourcePolicy(backupTierTags, volume({ tier: "p2" }), { config });
      assert.deepEqual(pass.messages, []);
      const fail = await runResourcePolicy(backupTierTags, volume({ "backup-tier": "gold" }), {
        config,
      });
      assert.deepEqual(fail.messages, [
        '[tags.tier] is not set, but must be one of "p1", "p2" or "skip".',
      ]);
    });

    it("says which tag is unknown during preview instead of passing or failing", async () => {
      const wholeMap = await runResourcePolicy(backupTierTags, volume(UNKNOWN));
      assert.deepEqual(wholeMap.messages, []);
      assert.deepEqual(wholeMap.advisories, [
        previewAdvisory(
          "backup-tier-tags",
          `could not check that [tags["backup-tier"]] is one of ${TIERS}, because [tags] is unknown during preview.`,
        ),
      ]);
      const reason = await runResourcePolicy(
        backupTierTags,
        volume({ "backup-tier": "none", "backup-exempt-reason": UNKNOWN }),
      );
      assert.deepEqual(reason.advisories, [
        previewAdvisory(
          "backup-tier-tags",
          'could not check that [tags["backup-exempt-reason"]] says why the resource is exempt, because it is unknown during preview.',
        ),
      ]);
      const providerDefaults = await runResourcePolicy(
        backupTierTags,
        volume({}, { provider: { props: { defaultTags: { tags: UNKNOWN } } } }),
      );
      assert.deepEqual(providerDefaults.advisories, [
        previewAdvisory(
          "backup-tier-tags",
          `could not check that [tags["backup-tier"]] is one of ${TIERS}, because [provider defaultTags.tags] is unknown during preview.`,
        ),
      ]);
    });

    it("is not applicable to other types", async () => {
      const outcome = await runResourcePolicy(backupTierTags, {
        type: "aws:sns/topic:Topic",
        name: "t",
      });
      assert.match(
        outcome.notApplicable ?? "",
        /^Policy only applies to resources of type 'aws:ebs\/volume:Volume', /,
      );
      assert.deepEqual(outcome.messages, []);
    });
  });

  describe("backup-selection-coverage", () => {
    const volumeUrn = urnOf(VOLUME, "data");
    const goldSelection: ResourceFixture = {
      type: SELECTION,
      name: "gold",
      props: {
        planId: UNKNOWN,
        iamRoleArn: UNKNOWN,
        selectionTags: [{ type: "STRINGEQUALS", key: "backup-tier", value: "gold" }],
      },
    };
    const selection = (
      props: Record<string, unknown>,
      extra: Partial<ResourceFixture> = {},
    ): ResourceFixture => ({
      type: SELECTION,
      name: "sel",
      props: { planId: "plan-1", iamRoleArn: "arn:aws:iam::111111111111:role/backup", ...props },
      ...extra,
    });
    const notSelected =
      'aws:ebs/volume:Volume "data" is not selected by any aws:backup/selection:Selection (by ARN or by tags), ' +
      'and is not exempt (tag "backup-tier": "none" with a "backup-exempt-reason" tag).';

    it("passes a resource selected by its tier tag", async () => {
      const outcome = await runStackPolicy(backupSelectionCoverage, [
        volume({ "backup-tier": "gold" }),
        goldSelection,
      ]);
      assert.deepEqual(outcome.violations, []);
      assert.deepEqual(outcome.advisories, []);
    });

    it("passes a resource whose ARN feeds an unknown `resources` list (joined by property dependencies)", async () => {
      const outcome = await runStackPolicy(backupSelectionCoverage, [
        volume({ "backup-tier": "silver" }),
        selection({ resources: UNKNOWN }, { propertyDependencies: { resources: [volumeUrn] } }),
      ]);
      assert.deepEqual(outcome.violations, []);
      assert.deepEqual(outcome.advisories, []);
      const element = await runStackPolicy(backupSelectionCoverage, [
        volume({ "backup-tier": "silver" }),
        selection(
          { resources: ["arn:aws:s3:::other", UNKNOWN] },
          { propertyDependencies: { resources: [volumeUrn] } },
        ),
      ]);
      assert.deepEqual(element.violations, []);
      assert.deepEqual(element.advisories, []);
    });

    it("matches ARN wildcards against the ARN's known shape before the ARN exists", async () => {
      const byType = await runStackPolicy(backupSelectionCoverage, [
        volume({ "backup-tier": "gold" }),
        selection({ resources: ["arn:aws:ec2:*:*:volume/*"] }),
      ]);
      assert.deepEqual(byType.violations, []);
      const db: ResourceFixture = {
        type: "aws:rds/instance:Instance",
        name: "db",
        props: { identifier: "orders", tags: { "backup-tier": "gold" } },
      };
      const byName = await runStackPolicy(backupSelectionCoverage, [
        db,
        selection({ resources: ["arn:aws:rds:*:*:db:orders"] }),
      ]);
      assert.deepEqual(byName.violations, []);
      const known = await runStackPolicy(backupSelectionCoverage, [
        volume(
          { "backup-tier": "gold" },
          {
            props: {
              arn: "arn:aws:ec2:eu-west-1:111111111111:volume/vol-1",
              tags: { "backup-tier": "gold" },
            },
          },
        ),
        selection({ resources: ["arn:aws:ec2:eu-west-1:111111111111:volume/vol-1"] }),
      ]);
      assert.deepEqual(known.violations, []);
    });

    it("evaluates conditions with AND and tag lists with OR, and honours notResources", async () => {
      const tagged = volume({ "backup-tier": "gold", env: "prod" });
      const both = await runStackPolicy(backupSelectionCoverage, [
        tagged,
        selection({
          resources: ["*"],
          conditions: [
            {
              stringEquals: [{ key: "aws:ResourceTag/backup-tier", value: "gold" }],
              stringLikes: [{ key: "aws:ResourceTag/env", value: "pr*" }],
              stringNotEquals: [{ key: "aws:ResourceTag/skip", value: "true" }],
              stringNotLikes: [{ key: "aws:ResourceTag/env", value: "dev*" }],
            },
          ],
        }),
      ]);
      assert.deepEqual(both.violations, []);
      const oneFails = await runStackPolicy(backupSelectionCoverage, [
        tagged,
        selection({
          conditions: [
            {
              stringEquals: [
                { key: "aws:ResourceTag/backup-tier", value: "gold" },
                { key: "aws:ResourceTag/env", value: "staging" },
              ],
            },
          ],
        }),
      ]);
      assert.deepEqual(oneFails.violations, [{ message: notSelected, urn: volumeUrn }]);
      const anyTag = await runStackPolicy(backupSelectionCoverage, [
        tagged,
        selection({
          selectionTags: [
            { type: "STRINGEQUALS", key: "backup-tier", value: "silver" },
            { type: "STRINGEQUALS", key: "env", value: "prod" },
          ],
        }),
      ]);
      assert.deepEqual(anyTag.violations, []);
      const excluded = await runStackPolicy(backupSelectionCoverage, [
        tagged,
        selection({ resources: ["*"], notResources: ["arn:aws:ec2:*:*:volume/*"] }),
      ]);
      assert.deepEqual(excluded.violations, [{ message: notSelected, urn: volumeUrn }]);
    });

    it("skips exempt resources", async () => {
      const outcome = await runStackPolicy(backupSelectionCoverage, [
        volume({ "backup-tier": "none", "backup-exempt-reason": "rebuilt from images" }),
      ]);
      assert.deepEqual(outcome.violations, []);
      assert.deepEqual(outcome.advisories, []);
    });

    it("fails a resource no selection selects", async () => {
      const none = await runStackPolicy(backupSelectionCoverage, [
        volume({ "backup-tier": "gold" }),
      ]);
      assert.deepEqual(none.violations, [{ message: notSelected, urn: volumeUrn }]);
      const otherTier = await runStackPolicy(backupSelectionCoverage, [
        volume({ "backup-tier": "silver" }),
        goldSelection,
      ]);
      assert.deepEqual(otherTier.violations, [{ message: notSelected, urn: volumeUrn }]);
      const otherType = await runStackPolicy(backupSelectionCoverage, [
        volume({ "backup-tier": "gold" }),
        selection({ resources: ["arn:aws:rds:*:*:db:*"] }),
      ]);
      assert.deepEqual(otherType.violations, [{ message: notSelected, urn: volumeUrn }]);
    });

    it("says what is unknown instead of passing or failing during preview", async () => {
      const list = await runStackPolicy(backupSelectionCoverage, [
        volume({ "backup-tier": "gold" }),
        selection({ resources: UNKNOWN }),
      ]);
      assert.deepEqual(list.violations, []);
      assert.deepEqual(list.advisories, [
        previewAdvisory(
          "backup-selection-coverage",
          'could not check that aws:ebs/volume:Volume "data" is selected by a backup selection, because aws:backup/selection:Selection "sel" [resources] is unknown during preview.',
        ),
      ]);
      const pattern = await runStackPolicy(backupSelectionCoverage, [
        volume({ "backup-tier": "gold" }),
        selection({ resources: ["arn:aws:ec2:us-east-1:111111111111:volume/*"] }),
      ]);
      assert.deepEqual(pattern.advisories, [
        previewAdvisory(
          "backup-selection-coverage",
          'could not check that aws:ebs/volume:Volume "data" is selected by a backup selection, because the ARN of aws:ebs/volume:Volume "data" is unknown during preview, and "arn:aws:ec2:us-east-1:111111111111:volume/*" may or may not match it.',
        ),
      ]);
      const tag = await runStackPolicy(backupSelectionCoverage, [
        volume({ "backup-tier": UNKNOWN }),
        goldSelection,
      ]);
      assert.deepEqual(tag.advisories, [
        previewAdvisory(
          "backup-selection-coverage",
          'could not check that aws:ebs/volume:Volume "data" is selected by a backup selection, because aws:ebs/volume:Volume "data" [tags["backup-tier"]] is unknown during preview.',
        ),
      ]);
    });

    it("is not applicable to a stack without backup-eligible resources", async () => {
      const outcome = await runStackPolicy(backupSelectionCoverage, [goldSelection]);
      assert.equal(outcome.notApplicable, "The stack has no backup-eligible resources.");
    });
  });
});
