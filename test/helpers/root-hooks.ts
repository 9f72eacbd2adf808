/** Installs the recording mock runtime once, before any test file runs its code under test. */
import { useMocks } from "./mocks";

export const mochaHooks = {
  async beforeAll(): Promise<void> {
    await useMocks();
  },
};
