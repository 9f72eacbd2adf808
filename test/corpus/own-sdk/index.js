"use strict";
const pulumi = require("@pulumi/pulumi");

class Shelf extends pulumi.ComponentResource {
  constructor(name, size, opts) {
    super("own:index:Shelf", name, {}, opts);
    this.slots = [];
    for (let i = 0; i < size; i++) {
      this.slots.push(
        new pulumi.CustomResource("own:index:Slot", `${name}-${i}`, { index: i }, { parent: this }),
      );
    }
    this.registerOutputs({ size });
  }
}

const size = new pulumi.Config().requireNumber("size");
new Shelf("books", size);

module.exports = { sdk: require.resolve("@pulumi/pulumi") };
