import * as assert from "node:assert/strict";
import {
  type ArchivePrefixRule,
  type LifecycleTransition,
  STORAGE_CLASS_ORDER,
  type TransitionStorageClass,
  canTransition,
  lifecycleRules,
  validatePrefixRule,
  validatePrefixRules,
  type ObjectLockArgs,
  maxRetentionDays,
  validateObjectLock,
  Issues,
  formatIssue,
} from "../../core";

const logs: ArchivePrefixRule = {
  prefix: "logs/",
  transitions: [
    { days: 30, storageClass: "GLACIER" },
    { days: 180, storageClass: "DEEP_ARCHIVE" },
  ],
  expirationDays: 2557,
  noncurrentVersionExpirationDays: 30,
};

const sevenYears: ObjectLockArgs = {
  mode: "COMPLIANCE",
  years: 7,
  acknowledgeComplianceLockIsPermanent: true,
};

function problems(rule: ArchivePrefixRule, lock?: ObjectLockArgs): string[] {
  const issues = new Issues("prefixes[0]");
  validatePrefixRule(
    rule,
    issues,
    lock === undefined ? undefined : { args: lock, path: "objectLock" },
  );
  return issues.all.map(formatIssue);
}

function withTransitions(
  transitions: LifecycleTransition[],
  expirationDays = 3650,
): ArchivePrefixRule {
  return { prefix: "data/", transitions, expirationDays, noncurrentVersionExpirationDays: 30 };
}

const t = (days: number, storageClass: TransitionStorageClass): LifecycleTransition => ({
  days,
  storageClass,
});

describe("S3 lifecycle rules of archive prefixes", () => {
  it("builds one rule per prefix, its id the prefix, transitions omitted when there are none", () => {
    const dumps: ArchivePrefixRule = {
      prefix: "db-dumps/",
      transitions: [],
      expirationDays: 90,
      noncurrentVersionExpirationDays: 7,
    };
    assert.deepStrictEqual(lifecycleRules([logs, dumps], 7), [
      {
        id: "logs/",
        status: "Enabled",
        filter: { prefix: "logs/" },
        transitions: [
          { days: 30, storageClass: "GLACIER" },
          { days: 180, storageClass: "DEEP_ARCHIVE" },
        ],
        expiration: { days: 2557 },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      },
      {
        id: "db-dumps/",
        status: "Enabled",
        filter: { prefix: "db-dumps/" },
        expiration: { days: 90 },
        noncurrentVersionExpiration: { noncurrentDays: 7 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      },
    ]);
  });

  it("follows the S3 waterfall: down the class order, never from ONEZONE_IA to GLACIER_IR", () => {
    const allowed = STORAGE_CLASS_ORDER.flatMap((from) =>
      STORAGE_CLASS_ORDER.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`),
    );
    assert.deepStrictEqual(allowed, [
      "STANDARD_IA>INTELLIGENT_TIERING",
      "STANDARD_IA>ONEZONE_IA",
      "STANDARD_IA>GLACIER_IR",
      "STANDARD_IA>GLACIER",
      "STANDARD_IA>DEEP_ARCHIVE",
      "INTELLIGENT_TIERING>ONEZONE_IA",
      "INTELLIGENT_TIERING>GLACIER_IR",
      "INTELLIGENT_TIERING>GLACIER",
      "INTELLIGENT_TIERING>DEEP_ARCHIVE",
      "ONEZONE_IA>GLACIER",
      "ONEZONE_IA>DEEP_ARCHIVE",
      "GLACIER_IR>GLACIER",
      "GLACIER_IR>DEEP_ARCHIVE",
      "GLACIER>DEEP_ARCHIVE",
    ]);
  });

  it("accepts the production rules", () => {
    assert.deepStrictEqual(problems(logs, sevenYears), []);
  });

  it("needs objects 30 days old before an IA class", () => {
    for (const storageClass of ["STANDARD_IA", "ONEZONE_IA"] as const) {
      assert.deepStrictEqual(problems(withTransitions([t(29, storageClass)])), [
        `[prefixes[0].transitions[0].days] is 29 days, but S3 needs objects to be at least 30 days old before a transition to ${storageClass}.`,
      ]);
      assert.deepStrictEqual(problems(withTransitions([t(30, storageClass)])), []);
    }
  });

  it("refuses a transition against the waterfall", () => {
    assert.deepStrictEqual(problems(withTransitions([t(30, "GLACIER"), t(400, "STANDARD_IA")])), [
      '[prefixes[0].transitions[1].storageClass] is "STANDARD_IA", but S3 cannot move objects from GLACIER (transitions[0]) to STANDARD_IA; the order is STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE, and ONEZONE_IA goes only to GLACIER or DEEP_ARCHIVE.',
    ]);
    assert.deepStrictEqual(problems(withTransitions([t(30, "ONEZONE_IA"), t(60, "GLACIER_IR")])), [
      '[prefixes[0].transitions[1].storageClass] is "GLACIER_IR", but S3 cannot move objects from ONEZONE_IA (transitions[0]) to GLACIER_IR; the order is STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE, and ONEZONE_IA goes only to GLACIER or DEEP_ARCHIVE.',
    ]);
    assert.deepStrictEqual(problems(withTransitions([t(30, "ONEZONE_IA"), t(60, "GLACIER")])), []);
    assert.deepStrictEqual(problems(withTransitions([t(90, "GLACIER"), t(90, "GLACIER")])), [
      '[prefixes[0].transitions[1].storageClass] is "GLACIER", but S3 cannot move objects from GLACIER (transitions[0]) to GLACIER; the order is STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE, and ONEZONE_IA goes only to GLACIER or DEEP_ARCHIVE.',
    ]);
  });

  it("needs 30 days in an IA class before GLACIER or DEEP_ARCHIVE", () => {
    assert.deepStrictEqual(problems(withTransitions([t(30, "STANDARD_IA"), t(59, "GLACIER")])), [
      "[prefixes[0].transitions[1].days] is 59 days, but must be at least transitions[0].days + 30 = 60: S3 needs objects to stay 30 days in STANDARD_IA before they move to GLACIER.",
    ]);
    assert.deepStrictEqual(problems(withTransitions([t(30, "STANDARD_IA"), t(60, "GLACIER")])), []);
    assert.deepStrictEqual(
      problems(withTransitions([t(45, "ONEZONE_IA"), t(74, "DEEP_ARCHIVE")])),
      [
        "[prefixes[0].transitions[1].days] is 74 days, but must be at least transitions[0].days + 30 = 75: S3 needs objects to stay 30 days in ONEZONE_IA before they move to DEEP_ARCHIVE.",
      ],
    );
  });

  it("refuses to leave a class before its minimum billed duration", () => {
    assert.deepStrictEqual(problems(withTransitions([t(0, "GLACIER_IR"), t(89, "DEEP_ARCHIVE")])), [
      "[prefixes[0].transitions[1].days] is 89 days, but must be at least transitions[0].days + 90 = 90: GLACIER_IR bills every object for at least 90 days, so moving it earlier costs more than waiting.",
    ]);
    assert.deepStrictEqual(
      problems(withTransitions([t(0, "GLACIER_IR"), t(90, "DEEP_ARCHIVE")])),
      [],
    );
    assert.deepStrictEqual(problems(withTransitions([t(30, "STANDARD_IA"), t(59, "GLACIER_IR")])), [
      "[prefixes[0].transitions[1].days] is 59 days, but must be at least transitions[0].days + 30 = 60: STANDARD_IA bills every object for at least 30 days, so moving it earlier costs more than waiting.",
    ]);
  });

  it("needs strictly increasing days after a class without a minimum duration", () => {
    assert.deepStrictEqual(
      problems(withTransitions([t(0, "INTELLIGENT_TIERING"), t(0, "GLACIER")])),
      [
        "[prefixes[0].transitions[1].days] is 0 days, but must be greater than transitions[0].days = 0.",
      ],
    );
    assert.deepStrictEqual(
      problems(withTransitions([t(0, "INTELLIGENT_TIERING"), t(1, "GLACIER")])),
      [],
    );
  });

  it("expires no earlier than the minimum billed duration of the last class", () => {
    const dumps = [t(7, "GLACIER"), t(97, "DEEP_ARCHIVE")];
    assert.deepStrictEqual(problems(withTransitions(dumps, 276)), [
      "[prefixes[0].expirationDays] is 276 days, but must be at least transitions[1].days + 180 = 277: DEEP_ARCHIVE bills every object for at least 180 days, so expiring it earlier costs more than waiting.",
    ]);
    assert.deepStrictEqual(problems(withTransitions(dumps, 277)), []);
    assert.deepStrictEqual(problems(withTransitions([t(0, "INTELLIGENT_TIERING")], 0)), [
      "[prefixes[0].expirationDays] is 0, but must be a whole number from 1 to 36500 days.",
    ]);
    assert.deepStrictEqual(problems(withTransitions([t(10, "INTELLIGENT_TIERING")], 10)), [
      "[prefixes[0].expirationDays] is 10 days, but must be greater than transitions[0].days = 10.",
    ]);
    assert.deepStrictEqual(problems(withTransitions([t(10, "INTELLIGENT_TIERING")], 11)), []);
  });

  it("expires no earlier than the Object Lock retention, leap days included", () => {
    assert.deepStrictEqual(problems({ ...logs, expirationDays: 2556 }, sevenYears), [
      "[prefixes[0].expirationDays] is 2556 days, but must be at least 2557 days: the Object Lock default retention (objectLock.years = 7) keeps each version up to 2557 days (7 × 365 + 2 leap days), and an earlier expiration only hides objects behind a delete marker while they stay stored and billed.",
    ]);
    const thirtyDays: ObjectLockArgs = { mode: "GOVERNANCE", days: 30 };
    const noTransitions = withTransitions([], 29);
    assert.deepStrictEqual(problems(noTransitions, thirtyDays), [
      "[prefixes[0].expirationDays] is 29 days, but must be at least 30 days: the Object Lock default retention (objectLock.days = 30) keeps each version up to 30 days, and an earlier expiration only hides objects behind a delete marker while they stay stored and billed.",
    ]);
    assert.deepStrictEqual(problems({ ...noTransitions, expirationDays: 30 }, thirtyDays), []);
    const oneYear: ObjectLockArgs = { mode: "GOVERNANCE", years: 1 };
    assert.deepStrictEqual(problems(withTransitions([], 365), oneYear), [
      "[prefixes[0].expirationDays] is 365 days, but must be at least 366 days: the Object Lock default retention (objectLock.years = 1) keeps each version up to 366 days (1 × 365 + 1 leap day), and an earlier expiration only hides objects behind a delete marker while they stay stored and billed.",
    ]);
  });

  it("reports values out of range, unknown classes and malformed prefixes", () => {
    const bad: ArchivePrefixRule = {
      prefix: "/logs",
      transitions: [
        { days: -1, storageClass: "GLACIER" },
        { days: 100, storageClass: "GLACIER_DEEP" as TransitionStorageClass },
      ],
      expirationDays: 36501,
      noncurrentVersionExpirationDays: 0,
    };
    assert.deepStrictEqual(problems(bad), [
      '[prefixes[0].prefix] is "/logs", but must be 1-255 characters ending with "/", not starting with "/", without * or ? or control characters.',
      "[prefixes[0].transitions[0].days] is -1, but must be a whole number from 0 to 36500 days.",
      '[prefixes[0].transitions[1].storageClass] is "GLACIER_DEEP", but must be one of "STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE".',
      "[prefixes[0].expirationDays] is 36501, but must be a whole number from 1 to 36500 days.",
      "[prefixes[0].noncurrentVersionExpirationDays] is 0, but must be a whole number from 1 to 36500 days.",
    ]);
    for (const prefix of ["logs", "", "lo*gs/", "logs?/", `${"a".repeat(255)}/`]) {
      assert.equal(problems({ ...logs, prefix }).length, 1, prefix);
    }
    for (const prefix of ["logs/", "db/dumps/", `${"a".repeat(254)}/`]) {
      assert.deepStrictEqual(problems({ ...logs, prefix }), [], prefix);
    }
  });

  it("refuses duplicate and overlapping prefixes of one bucket", () => {
    const issues = new Issues("prefixes");
    validatePrefixRules(
      [
        logs,
        { ...logs, prefix: "db/" },
        { ...logs, prefix: "logs/app/" },
        { ...logs, prefix: "db/" },
      ],
      issues,
    );
    assert.deepStrictEqual(issues.all.map(formatIssue), [
      '[prefixes[3].prefix] repeats the prefix "db/" already used at index 1.',
      '[prefixes[2].prefix] is "logs/app/", but overlaps prefixes[0].prefix = "logs/": S3 would apply both rules to the same objects, and the earliest expiration and cheapest class would win.',
    ]);
    const ok = new Issues("prefixes");
    validatePrefixRules([logs, { ...logs, prefix: "logs-app/" }], ok);
    assert.deepStrictEqual(ok.all, []);
    const empty = new Issues("prefixes");
    validatePrefixRules([], empty);
    assert.deepStrictEqual(empty.all.map(formatIssue), [
      "[prefixes] has 0 items, but must have 1-1000 items.",
    ]);
  });
});

describe("S3 Object Lock default retention", () => {
  function lockProblems(lock: ObjectLockArgs): string[] {
    const issues = new Issues("objectLock");
    validateObjectLock(lock, issues);
    return issues.all.map(formatIssue);
  }

  it("takes exactly one of days and years, in range", () => {
    assert.deepStrictEqual(lockProblems({ mode: "GOVERNANCE", days: 30, years: 1 }), [
      "[objectLock] sets both days (30) and years (1), but an Object Lock default retention takes exactly one of them.",
    ]);
    assert.deepStrictEqual(lockProblems({ mode: "GOVERNANCE" }), [
      "[objectLock] sets neither days nor years, but an Object Lock default retention needs exactly one of them.",
    ]);
    assert.deepStrictEqual(lockProblems({ mode: "GOVERNANCE", days: 0 }), [
      "[objectLock.days] is 0, but must be a whole number from 1 to 36500 days.",
    ]);
    assert.deepStrictEqual(lockProblems({ mode: "GOVERNANCE", years: 101 }), [
      "[objectLock.years] is 101, but must be a whole number from 1 to 100 years.",
    ]);
    assert.deepStrictEqual(lockProblems({ mode: "GOVERNANCE", days: 1 }), []);
    assert.deepStrictEqual(lockProblems({ mode: "GOVERNANCE", years: 100 }), []);
    assert.deepStrictEqual(lockProblems({ mode: "LEGAL" as "GOVERNANCE", days: 1 }), [
      '[objectLock.mode] is "LEGAL", but must be one of "GOVERNANCE", "COMPLIANCE".',
    ]);
  });

  it("needs an explicit acknowledgement for COMPLIANCE", () => {
    const expected =
      '[objectLock.acknowledgeComplianceLockIsPermanent] is undefined, but must be true to use mode "COMPLIANCE": no one, the root user included, can delete a locked object version or shorten its retention until it expires.';
    assert.deepStrictEqual(lockProblems({ mode: "COMPLIANCE", years: 7 }), [expected]);
    assert.deepStrictEqual(
      lockProblems({ mode: "COMPLIANCE", years: 7, acknowledgeComplianceLockIsPermanent: false }),
      [expected.replace("is undefined", "is false")],
    );
    assert.deepStrictEqual(lockProblems(sevenYears), []);
  });

  it("keeps a version at most days, or years of 365 days plus the leap days they can span", () => {
    assert.equal(maxRetentionDays({ mode: "GOVERNANCE", days: 30 }), 30);
    assert.equal(maxRetentionDays({ mode: "GOVERNANCE", years: 1 }), 366);
    assert.equal(maxRetentionDays({ mode: "GOVERNANCE", years: 4 }), 1461);
    assert.equal(maxRetentionDays(sevenYears), 2557);
    assert.equal(maxRetentionDays({ mode: "GOVERNANCE", years: 10 }), 3653);
  });
});
