import * as assert from "node:assert/strict";
import {
  RecoveryObjectivesRecord,
  type RecoveryObjectivesRecordArgs,
  validateRecoveryObjectivesRecordArgs,
} from "../../components/recovery-objectives-record";
import { Issues, formatIssue } from "../../core";
import { settled, useMocks } from "../helpers/mocks";
import { UNKNOWN, childrenOf, inputsOf, valueOf } from "../helpers/outputs";

const URN =
  "urn:pulumi:test::hybrid-backup::hybrid-backup:index:RecoveryObjectivesRecord::prod-objectives";
const PARAMETER = "aws:ssm/parameter:Parameter";
const GOLD = { dataset: "gold/erp-db", rpoMinutes: 300, met: true };
const LOGS = { dataset: "logs-and-dumps/logs/", rpoMinutes: 90, met: true };

const args: RecoveryObjectivesRecordArgs = {
  parameterPath: "/hybrid-backup/prod/recovery-objectives",
  records: [
    { dataset: "gold/erp-db", document: GOLD },
    { dataset: "logs-and-dumps/logs/", document: LOGS },
  ],
  tags: { owner: "platform-team" },
};

function argProblems(value: RecoveryObjectivesRecordArgs): string[] {
  const issues = new Issues();
  validateRecoveryObjectivesRecordArgs(value, issues);
  return issues.all.map(formatIssue);
}

describe("RecoveryObjectivesRecord", () => {
  describe("built", () => {
    let record: RecoveryObjectivesRecord;

    beforeEach(async () => {
      await useMocks({ preview: false });
      record = new RecoveryObjectivesRecord("prod-objectives", args);
      await settled();
    });

    it("creates one standard String parameter per dataset under the path", async () => {
      assert.deepStrictEqual(childrenOf(URN), [
        [PARAMETER, "prod-objectives-gold/erp-db"],
        [PARAMETER, "prod-objectives-logs-and-dumps/logs"],
      ]);
      assert.deepStrictEqual(await valueOf(record.parameterNames), [
        "/hybrid-backup/prod/recovery-objectives/gold/erp-db",
        "/hybrid-backup/prod/recovery-objectives/logs-and-dumps/logs",
      ]);
    });

    it("stores each document as plain JSON, tagged for the policy pack", () => {
      assert.deepStrictEqual(inputsOf(PARAMETER, "prod-objectives-logs-and-dumps/logs"), {
        name: "/hybrid-backup/prod/recovery-objectives/logs-and-dumps/logs",
        type: "String",
        tier: "Standard",
        dataType: "text",
        description:
          "Recovery objectives of logs-and-dumps/logs/, computed from the backup design.",
        insecureValue: JSON.stringify(LOGS),
        tags: { owner: "platform-team", "backup-role": "recovery-objectives" },
      });
    });
  });

  it("keeps the documents known during preview", async () => {
    await useMocks({ preview: true });
    const record = new RecoveryObjectivesRecord("prod-objectives", args);
    await settled();
    assert.equal(
      inputsOf(PARAMETER, "prod-objectives-gold/erp-db").insecureValue,
      JSON.stringify(GOLD),
    );
    // The names are given, so even the outputs are known before anything exists.
    assert.notEqual(await valueOf(record.parameterNames), UNKNOWN);
  });

  it("takes another role tag key", async () => {
    await useMocks({ preview: false });
    new RecoveryObjectivesRecord("prod-objectives", { ...args, roleTagKey: "record-kind" });
    await settled();
    assert.deepStrictEqual(inputsOf(PARAMETER, "prod-objectives-gold/erp-db").tags, {
      owner: "platform-team",
      "record-kind": "recovery-objectives",
    });
  });

  describe("validation", () => {
    it("accepts the arguments above", () => {
      assert.deepStrictEqual(argProblems(args), []);
    });

    it("refuses a path SSM would refuse", () => {
      assert.deepStrictEqual(argProblems({ ...args, parameterPath: "hybrid-backup/prod" }), [
        '[parameterPath] is "hybrid-backup/prod", but must be an SSM parameter path: "/" followed by levels of letters, digits, "_", "." or "-", separated by "/".',
      ]);
    });

    it("refuses names and documents SSM would refuse, all at once", () => {
      assert.deepStrictEqual(
        argProblems({
          parameterPath: "/hybrid-backup/prod",
          records: [
            { dataset: "gold/erp db", document: {} },
            { dataset: "gold/erp db", document: {} },
            { dataset: "gold//erp", document: {} },
            { dataset: "big", document: { text: "x".repeat(4090) } },
          ],
        }),
        [
          '[records[1].dataset] repeats the dataset "gold/erp db" already used at index 0.',
          '[records[0].dataset] is "gold/erp db", but the parameter name "/hybrid-backup/prod/gold/erp db" may hold only letters, digits, "_", ".", "-" and single "/" between levels.',
          '[records[1].dataset] is "gold/erp db", but the parameter name "/hybrid-backup/prod/gold/erp db" may hold only letters, digits, "_", ".", "-" and single "/" between levels.',
          '[records[2].dataset] is "gold//erp", but the parameter name "/hybrid-backup/prod/gold//erp" may hold only letters, digits, "_", ".", "-" and single "/" between levels.',
          "[records[3].document] is 4101 characters of JSON, but a standard SSM parameter holds at most 4096.",
        ],
      );
    });

    it("accepts a document of 4096 characters", () => {
      const document = { text: "x".repeat(4085) };
      assert.equal(JSON.stringify(document).length, 4096);
      assert.deepStrictEqual(
        argProblems({ parameterPath: "/p", records: [{ dataset: "d", document }] }),
        [],
      );
    });

    it("counts the levels of a name and accepts 15", () => {
      const path = "/hybrid-backup/prod/recovery-objectives";
      const deep = "a/b/c/d/e/f/g/h/i/j/k/l/m";
      assert.deepStrictEqual(
        argProblems({ parameterPath: path, records: [{ dataset: deep, document: {} }] }),
        [
          `[records[0].dataset] is "${deep}", but the parameter name "${path}/${deep}" has more than 15 levels.`,
        ],
      );
      assert.deepStrictEqual(
        argProblems({
          parameterPath: path,
          records: [{ dataset: "a/b/c/d/e/f/g/h/i/j/k/l", document: {} }],
        }),
        [],
      );
    });

    it("throws a ResourceError before creating any parameter", async () => {
      await useMocks({ preview: false });
      assert.throws(
        () =>
          new RecoveryObjectivesRecord("bad", {
            parameterPath: "/ok",
            records: [{ dataset: "x y", document: {} }],
          }),
        {
          message:
            'RecoveryObjectivesRecord bad has 1 problem:\n[records[0].dataset] is "x y", but the parameter name "/ok/x y" may hold only letters, digits, "_", ".", "-" and single "/" between levels.',
        },
      );
      await settled();
      assert.deepStrictEqual(
        childrenOf(
          "urn:pulumi:test::hybrid-backup::hybrid-backup:index:RecoveryObjectivesRecord::bad",
        ),
        [],
      );
    });
  });
});
