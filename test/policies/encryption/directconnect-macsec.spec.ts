import * as assert from "node:assert/strict";
import { directconnectMacsec } from "../../../policies/encryption/directconnect-macsec";
import {
  previewAdvisory,
  ResourceFixture,
  runResourcePolicy,
  UNKNOWN,
} from "../../helpers/policy-harness";

describe("policies/encryption/directconnect-macsec", () => {
  const connection = (props: Record<string, unknown>, name = "dx-primary"): ResourceFixture => ({
    type: "aws:directconnect/connection:Connection",
    name,
    props: {
      bandwidth: "10Gbps",
      location: "EqDC2",
      requestMacsec: true,
      encryptionMode: "must_encrypt",
      ...props,
    },
  });

  it("passes MACsec must_encrypt, and exempt connections (tag or config)", async () => {
    assert.deepEqual((await runResourcePolicy(directconnectMacsec, connection({}))).messages, []);
    const tagged = await runResourcePolicy(
      directconnectMacsec,
      connection({
        requestMacsec: false,
        encryptionMode: undefined,
        tags: { "macsec-exempt-reason": "hosted 1G; IPsec VPN over DX" },
      }),
    );
    assert.deepEqual(tagged.messages, []);
    const listed = await runResourcePolicy(
      directconnectMacsec,
      connection({ requestMacsec: false }, "dx-hosted"),
      {
        config: { exemptConnectionNames: ["dx-hosted"] },
      },
    );
    assert.deepEqual(listed.messages, []);
  });

  it("fails should_encrypt, no MACsec request, and a blank exemption", async () => {
    const should = await runResourcePolicy(
      directconnectMacsec,
      connection({ encryptionMode: "should_encrypt" }),
    );
    assert.deepEqual(should.messages, [
      '[encryptionMode] is "should_encrypt", but must be "must_encrypt".',
    ]);
    const blank = await runResourcePolicy(
      directconnectMacsec,
      connection({
        requestMacsec: undefined,
        encryptionMode: undefined,
        tags: { "macsec-exempt-reason": "" },
      }),
    );
    assert.deepEqual(blank.messages, [
      [
        '[encryptionMode] is not set, but must be "must_encrypt".',
        "[requestMacsec] is not set, but must be true.",
      ].join("\n"),
    ]);
  });

  it("says when the exemption or the mode is unknown during preview", async () => {
    const exemption = await runResourcePolicy(
      directconnectMacsec,
      connection({ encryptionMode: "no_encrypt", tags: { "macsec-exempt-reason": UNKNOWN } }),
    );
    assert.deepEqual(exemption.messages, []);
    assert.deepEqual(exemption.advisories, [
      previewAdvisory(
        directconnectMacsec.name,
        'could not check that [tags["macsec-exempt-reason"]] exempts the connection from MACsec, because it is unknown during preview.',
      ),
    ]);
    const mode = await runResourcePolicy(
      directconnectMacsec,
      connection({ encryptionMode: UNKNOWN }),
    );
    assert.deepEqual(mode.advisories, [
      previewAdvisory(
        directconnectMacsec.name,
        'could not check that [encryptionMode] is "must_encrypt", because it is unknown during preview.',
      ),
    ]);
  });
});
