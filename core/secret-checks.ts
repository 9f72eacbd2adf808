/**
 * The shape checks of secret values (BGP keys, MACsec CKN/CAK pairs, gateway activation keys).
 * Each returns the rest of a sentence that never contains the value, so the same check can run on
 * plain values before anything is created and on secret outputs once they resolve.
 */
import { BGP_AUTH_KEY_LENGTH } from "./direct-connect-rules";

/**
 * What the offline preview passes for a value it cannot decrypt (a `secure:` value of a stack
 * file): its shape is unknown, so the checks accept it.
 */
export const SECRET_PLACEHOLDER = "[secret]";

/** A check of a secret value: undefined when it is valid, else why not (without the value). */
export type SecretCheck = (value: string) => string | undefined;

function lengthIn(min: number, max: number, what: string): SecretCheck {
  return (value) =>
    value.length >= min && value.length <= max
      ? undefined
      : `has ${value.length} characters, but ${what} has ${min}-${max} (the value is not shown).`;
}

/** A BGP MD5 key of a virtual interface: 6-80 characters. */
export const checkBgpAuthKey: SecretCheck = lengthIn(
  BGP_AUTH_KEY_LENGTH.min,
  BGP_AUTH_KEY_LENGTH.max,
  "a BGP key",
);

/** A gateway activation key: 1-50 characters. */
export const checkActivationKey: SecretCheck = lengthIn(1, 50, "an activation key");

const HEX_64 = /^[0-9a-fA-F]{64}$/;

/** A MACsec CKN or CAK: exactly 64 hexadecimal digits. */
export const checkMacsecKeyPart: SecretCheck = (value) =>
  HEX_64.test(value)
    ? undefined
    : `has ${value.length} characters${/^[0-9a-fA-F]*$/.test(value) ? "" : ", not all hexadecimal"}, but must be 64 hexadecimal digits (the value is not shown).`;

/** Runs `check` on a plain value, unless it is the offline placeholder. */
export function secretProblem(value: string, check: SecretCheck): string | undefined {
  return value === SECRET_PLACEHOLDER ? undefined : check(value);
}
