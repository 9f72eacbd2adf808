/**
 * The resources of a program still running, handed to the policy packs as the program registers
 * them, the way the engine analyzes each resource at its registration; the full list follows when
 * the program ends, or the feed fails with the run.
 */
import type { RecordedResource } from "../types";

export class ResourceFeed {
  private readonly received: RecordedResource[] = [];
  private listener: ((resource: RecordedResource) => void) | undefined;
  private settle!: {
    resolve: (resources: readonly RecordedResource[]) => void;
    reject: (err: unknown) => void;
  };
  /** Every resource of the program once it has ended; rejects when the run failed. */
  readonly done: Promise<readonly RecordedResource[]>;

  constructor() {
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    // Whoever listens awaits `done`; a failed run with nobody listening is no error of its own.
    this.done.catch(() => undefined);
  }

  /** A resource the program registered, in registration order. */
  add(resource: RecordedResource): void {
    this.received.push(resource);
    this.listener?.(resource);
  }

  /** The program ended with these resources. */
  end(resources: readonly RecordedResource[]): void {
    this.settle.resolve(resources);
  }

  /** The run failed: nothing more comes. */
  fail(reason: unknown): void {
    this.settle.reject(reason);
  }

  /** Calls `listener` with each resource received so far, then with each one as it comes. */
  subscribe(listener: (resource: RecordedResource) => void): void {
    this.received.forEach((resource) => listener(resource));
    this.listener = listener;
  }
}
