/**
 * Publishes the recovery objectives computed for a stack's datasets: one SSM parameter per dataset
 * under a path (`/<project>/<environment>/recovery-objectives/<dataset>`), whose value is the
 * dataset's JSON document. Runbooks and dashboards read the promised RPO, RTO and cost there, and
 * policy packs read them from the parameters' inputs (a stack's outputs never reach a pack).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ARCHIVE_ROLE_TAG_KEY, Issues, ValidationError, checkUnique, show } from "../core";

/** The `backup-role` tag value that marks a recovery objectives record. */
export const OBJECTIVES_RECORD_ROLE = "recovery-objectives";
/** A standard SSM parameter holds at most 4 KB. */
export const MAX_RECORD_CHARACTERS = 4096;
/** SSM parameter names: letters, digits, `_.-` and `/` between levels, at most 15 levels deep. */
const PATH_PATTERN = /^(\/[a-zA-Z0-9_.-]+)+$/;
const MAX_PATH_LEVELS = 15;
const MAX_NAME_CHARACTERS = 1011;

export interface ObjectivesRecordEntry {
  /** The dataset's name; with the path it names the parameter (a trailing `/` is dropped). */
  readonly dataset: string;
  /** The dataset's figures: a JSON object, stored as its JSON text. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any JSON value; `Any` in the package schema
  readonly document: Record<string, any>;
}

export interface RecoveryObjectivesRecordArgs {
  /** Where the parameters live, such as `/hybrid-backup/prod/recovery-objectives`. */
  readonly parameterPath: string;
  /** One entry per dataset; dataset names are unique. */
  readonly records: ObjectivesRecordEntry[];
  /**
   * The tag key whose value `recovery-objectives` marks the parameters for the policy pack.
   * @default "backup-role"
   */
  readonly roleTagKey?: string;
  /**
   * Tags for every parameter.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The parameter name of a dataset's record. */
export function recordParameterName(parameterPath: string, dataset: string): string {
  return `${parameterPath}/${dataset.replace(/\/+$/, "")}`;
}

/** Records every problem of the arguments: the path, each parameter name and document size. */
export function validateRecoveryObjectivesRecordArgs(
  args: RecoveryObjectivesRecordArgs,
  issues: Issues,
): void {
  const pathOk = PATH_PATTERN.test(args.parameterPath);
  if (!pathOk) {
    issues
      .at("parameterPath")
      .add(
        `is ${show(args.parameterPath)}, but must be an SSM parameter path: "/" followed by levels of letters, digits, "_", "." or "-", separated by "/".`,
      );
  }
  checkUnique(
    issues.at("records"),
    args.records.map((record) => record.dataset),
    "dataset",
    "dataset",
  );
  args.records.forEach((record, index) => {
    const at = issues.at("records").at(index);
    // A bad path already makes every name under it bad; its own issue says so once.
    if (pathOk) checkParameterName(at.at("dataset"), args.parameterPath, record.dataset);
    const length = JSON.stringify(record.document).length;
    if (length > MAX_RECORD_CHARACTERS) {
      at.at("document").add(
        `is ${length} characters of JSON, but a standard SSM parameter holds at most ${MAX_RECORD_CHARACTERS}.`,
      );
    }
  });
}

function checkParameterName(issues: Issues, parameterPath: string, dataset: string): void {
  const name = recordParameterName(parameterPath, dataset);
  if (!PATH_PATTERN.test(name)) {
    issues.add(
      `is ${show(dataset)}, but the parameter name ${show(name)} may hold only letters, digits, "_", ".", "-" and single "/" between levels.`,
    );
  } else if (name.split("/").length - 1 > MAX_PATH_LEVELS) {
    issues.add(
      `is ${show(dataset)}, but the parameter name ${show(name)} has more than ${MAX_PATH_LEVELS} levels.`,
    );
  } else if (name.length > MAX_NAME_CHARACTERS) {
    issues.add(
      `is ${show(dataset)}, but the parameter name would have ${name.length} characters; SSM allows ${MAX_NAME_CHARACTERS}.`,
    );
  }
}

/**
 * The recovery objectives of a stack's datasets, one SSM parameter per dataset, for runbooks,
 * dashboards and policy packs.
 */
export class RecoveryObjectivesRecord extends pulumi.ComponentResource {
  /** The parameter names, in the order of the records. */
  public readonly parameterNames: pulumi.Output<string[]>;

  constructor(
    name: string,
    args: RecoveryObjectivesRecordArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("hybrid-backup:index:RecoveryObjectivesRecord", name, {}, opts);

    const issues = new Issues();
    validateRecoveryObjectivesRecordArgs(args, issues);
    if (issues.count > 0) {
      throw new pulumi.ResourceError(
        new ValidationError(`RecoveryObjectivesRecord ${name}`, issues.all).message,
        this,
      );
    }

    const roleTagKey = args.roleTagKey ?? ARCHIVE_ROLE_TAG_KEY;
    const parameters = args.records.map(
      (record) =>
        new aws.ssm.Parameter(
          `${name}-${record.dataset.replace(/\/+$/, "")}`,
          {
            name: recordParameterName(args.parameterPath, record.dataset),
            type: aws.ssm.ParameterType.String,
            tier: "Standard",
            dataType: "text",
            description: `Recovery objectives of ${record.dataset}, computed from the backup design.`,
            // The figures are not secret; `value` would hide them from reviews and packs.
            insecureValue: JSON.stringify(record.document),
            tags: { ...(args.tags ?? {}), [roleTagKey]: OBJECTIVES_RECORD_ROLE },
          },
          { parent: this },
        ),
    );

    this.parameterNames = pulumi.all(parameters.map((parameter) => parameter.name));
    this.registerOutputs({ parameterNames: this.parameterNames });
  }
}
