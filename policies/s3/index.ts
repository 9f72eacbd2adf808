/** The s3 policies of the pack, one per file. */
import { s3BucketPublicAccess } from "./s3-bucket-public-access";

export { s3BucketPublicAccess };

export const s3Policies = [s3BucketPublicAccess];
