import { list, text } from "../lib/config";
import { resourcePolicy } from "../lib/policy-kit";
import { couldNotCheck, expectProp, Findings } from "../lib/report";
import { TagView } from "../lib/tags";
import { T } from "../lib/types";

export const directconnectMacsec = resourcePolicy({
  name: "directconnect-macsec",
  description:
    "Direct Connect connections require MACsec (must_encrypt), unless declared exempt (for example VPN over Direct Connect).",
  severity: "high",
  remediationSteps:
    'Set `requestMacsec: true` and, once the connection is available, `encryptionMode: "must_encrypt"`. ' +
    "Hosted connections cannot use MACsec: tag them with the exemption key (default " +
    '"macsec-exempt-reason") saying how traffic is protected, or list their names in `exemptConnectionNames`.',
  configSchema: {
    properties: {
      exemptTagKey: text(
        "Tag whose non-blank value exempts a connection and says why.",
        "macsec-exempt-reason",
      ),
      exemptConnectionNames: list(
        "Connections exempt from MACsec, by resource name or `name` input.",
        [],
      ),
    },
  },
  resourceTypes: [T.dxConnection],
  validate: ({ props, providerProps, config, findings, args }) => {
    const name = props.get("name").string();
    if (config.exemptConnectionNames.some((exempt) => exempt === args.name || exempt === name)) {
      return;
    }
    const reason = TagView.of(props, providerProps).get(config.exemptTagKey);
    if (reason.nonBlankString() !== undefined) {
      return;
    }
    const pending: string[] = [];
    const collector = new Findings((message) => pending.push(message));
    expectProp(
      collector,
      props.get("encryptionMode"),
      (p) => p.string() === "must_encrypt",
      '"must_encrypt"',
    );
    expectProp(collector, props.get("requestMacsec"), (p) => p.boolean() === true, "true");
    collector.flush();
    const problems = pending
      .join("\n")
      .split("\n")
      .filter((line) => line !== "");
    if (reason.isUnknown && problems.length > 0) {
      findings.unknown(couldNotCheck(reason, "exempts the connection from MACsec"));
    } else {
      problems.forEach((message) => findings.violation(message));
    }
    collector.notes.forEach((note) => findings.unknown(note));
  },
});
