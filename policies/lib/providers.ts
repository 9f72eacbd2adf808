/**
 * AWS provider inputs as policies see them: the explicit provider a resource names, or a
 * `pulumi:providers:aws` resource of the stack. Provider inputs other than strings may reach the
 * engine JSON-encoded (`"[\"123\"]"`), so every read decodes them first.
 */
import { PolicyResource } from "@pulumi/policy";
import { propsOf } from "./policy-kit";
import { Prop } from "./values";

/** A provider input, decoded when it arrived as JSON text. */
export function providerInput(props: Prop, key: string): Prop {
  const prop = props.get(key);
  const text = prop.string();
  if (text === undefined || !/^\s*[[{]/.test(text)) return prop;
  try {
    return Prop.known(prop.path, JSON.parse(text) as unknown);
  } catch {
    return prop;
  }
}

/** The role ARNs a provider assumes (`assumeRoles[].roleArn`, or the older `assumeRole`). */
export function assumedRoles(provider: PolicyResource): Prop[] {
  const props = propsOf(provider);
  return [
    ...providerInput(props, "assumeRoles").blocks(),
    ...providerInput(props, "assumeRole").blocks(),
  ].map((block) => block.get("roleArn"));
}
