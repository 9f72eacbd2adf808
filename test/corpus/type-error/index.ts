import * as pulumi from "@pulumi/pulumi";

interface Settings {
  replicas: number;
}

const settings: Settings = { replicas: "three" };

export const replicas = pulumi.output(settings.replicas);
