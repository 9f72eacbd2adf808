/** Errors of the policy driver, each naming the pack and saying what to do about it. */

/** Why a policy pack could not be started. */
export type PolicyPackStartFailure =
  | "missing-directory"
  | "missing-manifest"
  | "bad-manifest"
  | "missing-dependencies"
  | "missing-build"
  | "crashed"
  | "bad-handshake"
  | "timeout"
  | "cancelled";

/** The policy pack process could not be started, or it stopped before it served its port. */
export class PolicyPackStartError extends Error {
  constructor(
    readonly packDir: string,
    readonly failure: PolicyPackStartFailure,
    message: string,
    /** What the pack wrote to stderr before it failed, if anything. */
    readonly stderr = "",
  ) {
    super(stderr === "" ? message : `${message}\n${stderr}`);
    this.name = "PolicyPackStartError";
  }
}

/** A call to a running policy pack failed, for example because a policy threw. */
export class PolicyPackCallError extends Error {
  constructor(
    readonly packDir: string,
    readonly call: string,
    readonly reason: string,
    /** Why the process ended, when it had ended by the time the call failed. */
    readonly processEnd = "",
  ) {
    super(
      `Policy pack ${packDir}: ${call} failed: ${reason}${processEnd === "" ? "" : `\n${processEnd}`}`,
    );
    this.name = "PolicyPackCallError";
  }
}
