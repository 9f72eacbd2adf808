import { list } from "../lib/config";
import { propsOf, stackPolicy } from "../lib/policy-kit";
import { couldNotCheck, either, label, show } from "../lib/report";
import { T } from "../lib/types";
import { Prop } from "../lib/values";

/** Known values of `key` across resources; notes unknown ones. Undefined when any is unknown. */
function collect(
  values: readonly { owner: { type: string; name: string }; prop: Prop }[],
  expectation: string,
  note: (n: string) => void,
): Set<string> | undefined {
  const found = new Set<string>();
  let complete = true;
  for (const { owner, prop } of values) {
    if (prop.isUnknown) {
      note(couldNotCheck(prop, expectation, owner));
      complete = false;
      continue;
    }
    const value = prop.string();
    if (value !== undefined) {
      found.add(value);
    }
  }
  return complete ? found : undefined;
}

export const backupAuditManager = stackPolicy({
  name: "backup-audit-manager",
  // A framework is an account-level setup a central team usually owns: advice unless configured.
  enforcementLevel: "advisory",
  description:
    "A stack that deploys a backup plan also deploys an AWS Backup Audit Manager framework and report plan.",
  severity: "medium",
  remediationSteps:
    "Add an aws.backup.Framework with the controls the organization requires (AWS Config recording " +
    "must be on) and an aws.backup.ReportPlan delivering compliance reports to S3.",
  configSchema: {
    properties: {
      requiredControls: list("Controls some framework of the stack must include.", []),
      requiredReportTemplates: list("Report templates some report plan of the stack must use.", []),
    },
  },
  validate: ({ stack, config, findings, args }) => {
    const plans = stack.ofType(T.backupPlan);
    const first = plans[0];
    if (first === undefined) {
      args.notApplicable("The stack deploys no backup plan.");
    }
    const others = plans.length - 1;
    const more = others === 0 ? "" : ` and ${others} more backup plan${others === 1 ? "" : "s"}`;
    const subject = `The stack deploys ${label(first ?? { type: T.backupPlan, name: "" })}${more}`;
    const frameworks = stack.ofType(T.backupFramework);
    const reportPlans = stack.ofType(T.backupReportPlan);
    if (frameworks.length === 0) {
      findings.violation(
        `${subject} but no ${T.backupFramework}, so no control checks its backups.`,
      );
    }
    if (reportPlans.length === 0) {
      findings.violation(
        `${subject} but no ${T.backupReportPlan}, so nobody receives its compliance reports.`,
      );
    }
    const note = (n: string): void => findings.unknown(n);
    if (frameworks.length > 0 && config.requiredControls.length > 0) {
      const controls = frameworks.flatMap((framework) => {
        const list = propsOf(framework).get("controls");
        return list.isUnknown
          ? [{ owner: framework, prop: list }]
          : list.items().map((control) => ({ owner: framework, prop: control.get("name") }));
      });
      const found = collect(controls, "names a required control", note);
      const missing = config.requiredControls.filter((control) => !found?.has(control));
      if (found !== undefined && missing.length > 0) {
        findings.violation(
          `No ${T.backupFramework} of the stack has the control${missing.length > 1 ? "s" : ""} ${either(
            missing.map((m) => show(m)),
            "and",
          )}, but the policy config requires ${missing.length > 1 ? "them" : "it"}.`,
        );
      }
    }
    if (reportPlans.length > 0 && config.requiredReportTemplates.length > 0) {
      const templates = reportPlans.map((plan) => ({
        owner: plan,
        prop: propsOf(plan).get("reportSetting").get("reportTemplate"),
      }));
      const found = collect(templates, "is a required report template", note);
      const missing = config.requiredReportTemplates.filter((template) => !found?.has(template));
      if (found !== undefined && missing.length > 0) {
        findings.violation(
          `No ${T.backupReportPlan} of the stack uses the report template${missing.length > 1 ? "s" : ""} ${either(
            missing.map((m) => show(m)),
            "and",
          )}, but the policy config requires ${missing.length > 1 ? "them" : "it"}.`,
        );
      }
    }
  },
});
