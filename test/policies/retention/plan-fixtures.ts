/** A gold backup plan and its rules as the pack sees them, shared by the plan policies' specs. */
import type { ResourceFixture } from "../../helpers/policy-harness";

export const PLAN = "aws:backup/plan:Plan";

export const DR_VAULT_ARN = "arn:aws:backup:us-west-2:222222222222:backup-vault:dr";

/** A rule every 6 hours, kept 35 days, copied to the DR vault for 35 days. */
export function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ruleName: "every-6h",
    targetVaultName: "main",
    schedule: "cron(0 */6 ? * * *)",
    lifecycle: { deleteAfter: 35 },
    copyActions: [{ destinationVaultArn: DR_VAULT_ARN, lifecycle: { deleteAfter: 35 } }],
    ...overrides,
  };
}

/** A plan "daily" in us-east-1 with `rules`, tagged gold unless `tags` says otherwise. */
export function plan(
  rules: unknown,
  tags: unknown = { "backup-tier": "gold" },
  extra: Partial<ResourceFixture> = {},
): ResourceFixture {
  return {
    type: PLAN,
    name: "daily",
    props: { name: "daily", rules, tags },
    provider: { props: { region: "us-east-1" } },
    ...extra,
  };
}
