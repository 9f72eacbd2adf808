import * as aws from "@pulumi/aws";

const key = aws.kms.getKeyOutput({ keyId: "alias/backups" });
const image = aws.ssm.getParameterOutput({
  name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
});

const volume = new aws.ebs.Volume("data", {
  availabilityZone: "us-east-1a",
  size: 50,
  encrypted: true,
  kmsKeyId: key.arn,
  tags: { "backup-tier": "gold" },
});

export const keyArn = key.arn;
export const imageId = image.value;
export const volumeId = volume.id;
