import * as assert from "node:assert/strict";
import { PolicyDocumentError, renderPolicyDocument } from "../../preview/policy-document";

/** CRC-32 (IEEE), bit by bit: an independent check of the id the provider computes. */
function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, "utf8")) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe("aws.iam.getPolicyDocument rendered offline", () => {
  it("renders principals, conditions and single values as the provider does", () => {
    const rendered = renderPolicyDocument({
      statements: [
        {
          sid: "Cross",
          actions: ["s3:PutObject"],
          resources: ["arn:aws:s3:::b/*"],
          principals: [
            { type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] },
            {
              type: "AWS",
              identifiers: ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"],
            },
            { type: "Service", identifiers: ["backup.amazonaws.com"] },
          ],
          conditions: [
            {
              test: "StringEquals",
              variable: "s3:x-amz-acl",
              values: ["bucket-owner-full-control"],
            },
            { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:x<y>&z", "b"] },
          ],
        },
      ],
    });
    const expected = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Cross",
      "Effect": "Allow",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::b/*",
      "Principal": {
        "AWS": [
          "arn:aws:iam::111111111111:root",
          "arn:aws:iam::333333333333:root",
          "arn:aws:iam::222222222222:root"
        ],
        "Service": "backup.amazonaws.com"
      },
      "Condition": {
        "ArnLike": {
          "aws:SourceArn": [
            "arn:x\\u003cy\\u003e\\u0026z",
            "b"
          ]
        },
        "StringEquals": {
          "s3:x-amz-acl": "bucket-owner-full-control"
        }
      }
    }
  ]
}`;
    assert.equal(rendered.json, expected);
    assert.equal(
      rendered.minifiedJson,
      JSON.stringify(JSON.parse(expected))
        .replace(/</g, "\\u003c")
        .replace(/>/g, "\\u003e")
        .replace(/&/g, "\\u0026"),
    );
    assert.equal(rendered.id, String(crc32(expected)));
  });

  it("sorts longer action lists in reverse, turns &{ into ${ and makes * principals a plain *", () => {
    const rendered = renderPolicyDocument({
      statements: [
        {
          effect: "Deny",
          notActions: ["s3:GetObject", "s3:ListBucket", "s3:GetObject"],
          resources: ["arn:aws:s3:::home/&{aws:username}/*"],
          principals: [{ type: "*", identifiers: ["*"] }],
        },
      ],
    });
    assert.equal(
      rendered.minifiedJson,
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":["s3:ListBucket","s3:GetObject"],"Resource":"arn:aws:s3:::home/${aws:username}/*","Principal":"*"}]}',
    );
  });

  it("merges source documents, then the statements, then overrides, replacing by Sid", () => {
    const rendered = renderPolicyDocument({
      policyId: "p1",
      sourcePolicyDocuments: [
        '{"Version":"2008-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
      ],
      statements: [{ sid: "B", actions: ["s3:GetObject"], resources: ["*"] }],
      overridePolicyDocuments: [
        '{"Statement":[{"Sid":"A","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}',
      ],
    });
    assert.equal(
      rendered.minifiedJson,
      '{"Version":"2012-10-17","Id":"p1","Statement":[{"Sid":"A","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"},{"Sid":"B","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
    );
    assert.equal(renderPolicyDocument({}).json, '{\n  "Version": "2012-10-17"\n}');
  });

  it("refuses what the provider refuses, naming the argument", () => {
    assert.throws(
      () => renderPolicyDocument({ statements: [{ sid: "A" }, { sid: "A" }] }),
      new PolicyDocumentError('statements repeat the Sid "A"; remove it or make it unique.'),
    );
    assert.throws(
      () => renderPolicyDocument({ statements: [{ effect: "allow" }] }),
      new PolicyDocumentError('statements[0].effect is "allow", but must be "Allow" or "Deny".'),
    );
  });
});
