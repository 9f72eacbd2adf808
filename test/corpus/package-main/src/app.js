"use strict";
const fs = require("fs");
const pulumi = require("@pulumi/pulumi");
const aws = require("@pulumi/aws");

// Read relative to the working directory, as many programs do: the project folder.
const buckets = JSON.parse(fs.readFileSync("buckets.json", "utf8"));
const banner = fs.readFileSync(`${__dirname}/../README.txt`, "utf8").trim();

const stack = pulumi.getStack();
const created = buckets.map(
  (b) =>
    new aws.s3.Bucket(b.name, {
      bucket: `${b.name}-${stack}`,
      tags: { "backup-tier": b.tier, banner },
    }),
);

module.exports = {
  bucketNames: created.map((b) => b.bucket),
  workingDirectory: process.cwd(),
};
