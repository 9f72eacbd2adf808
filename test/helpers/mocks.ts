/**
 * The one recording mock runtime of the test suite. `useMocks` installs it (awaiting `setMocks`)
 * and forgets earlier registrations; `settled` waits until every registration has reached it.
 */
import * as pulumi from "@pulumi/pulumi";
import { RecordingMocks } from "../../preview/recorder";
import { loadSdkInternals } from "../../preview/sdk-internals";

export const TEST_ACCOUNT = "111111111111";
export const TEST_REGION = "us-east-1";

export const mocks = new RecordingMocks({ accountId: TEST_ACCOUNT, region: TEST_REGION });

const sdk = loadSdkInternals(__dirname);

export interface UseMocksOptions {
  /** Preview mode leaves ids and provider-computed outputs unknown. Default false. */
  readonly preview?: boolean;
  readonly project?: string;
  readonly stack?: string;
  /** Stack config (fully qualified keys); structured values are given as objects. */
  readonly config?: Record<string, unknown>;
}

export async function useMocks(options: UseMocksOptions = {}): Promise<RecordingMocks> {
  const preview = options.preview ?? false;
  mocks.reset(preview);
  mocks.region = TEST_REGION;
  mocks.accountId = TEST_ACCOUNT;
  const config: Record<string, string> = { "aws:region": TEST_REGION };
  for (const [key, value] of Object.entries(options.config ?? {})) {
    config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  pulumi.runtime.setAllConfig(config, []);
  const project = options.project ?? "hybrid-backup";
  const stack = options.stack ?? "test";
  await pulumi.runtime.setMocks(mocks, project, stack, preview);
  const monitor = sdk.getMonitor();
  if (monitor === undefined) throw new Error("setMocks installed no monitor");
  mocks.attach(monitor, stack, project);
  return mocks;
}

/** Waits until every resource registration issued so far (and any it triggers) has completed. */
export async function settled(): Promise<void> {
  await sdk.waitForRPCs();
}
