import * as pulumi from "@pulumi/pulumi";

export interface VpcArgs {
  cidrBlock?: pulumi.Input<string>;
  numberOfAvailabilityZones?: number;
}

/**
 * The shape of a generated SDK class for a multi-language component (awsx.ec2.Vpc): the component
 * registers with `remote: true` and a plugin creates its children.
 */
export class Vpc extends pulumi.ComponentResource {
  declare readonly vpcId: pulumi.Output<string>;
  declare readonly privateSubnetIds: pulumi.Output<string[]>;

  constructor(name: string, args?: VpcArgs, opts?: pulumi.ComponentResourceOptions) {
    const inputs: pulumi.Inputs = {
      cidrBlock: args?.cidrBlock,
      numberOfAvailabilityZones: args?.numberOfAvailabilityZones,
      vpcId: undefined,
      privateSubnetIds: undefined,
    };
    super("awsx:ec2:Vpc", name, inputs, opts, true);
  }
}
