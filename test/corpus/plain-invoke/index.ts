import * as aws from "@pulumi/aws";

const role = await aws.iam.getRole({ name: "backup-operator" });

new aws.backup.Vault("vault", {
  name: `vault-${role.name.toLowerCase()}`,
});
