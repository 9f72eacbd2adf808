/**
 * The public surface of the components: every ComponentResource, its args and the pure helpers
 * other programs may reuse.
 */
export * from "./lib/validation";
export * from "./lib/aws-regions";
