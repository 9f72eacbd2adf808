/**
 * Evaluating an `aws:backup/selection:Selection` against a resource the way AWS Backup does:
 * the resource is selected when it matches one of `resources` (ARNs, `*` wildcards) or one of the
 * `selectionTags` (OR-ed; with neither, every resource), and every `conditions` entry (AND-ed),
 * and none of `notResources`.
 *
 * During preview the answer may be "maybe": ARNs are outputs, so `resources` is often unknown;
 * the selection's property dependencies then say which resources fed it. A resource's own ARN is
 * unknown before it is created, so wildcards are matched against the ARN's known shape, where the
 * unknown parts (account, generated id) are holes: `arn:aws:ec2:*:*:volume/*` certainly matches
 * `arn:aws:ec2:<hole>:<hole>:volume/<hole>`, `arn:aws:rds:*` certainly does not.
 */
import { PolicyResource } from "@pulumi/policy";
import { globMatches } from "./glob";
import { dependencyUrns, propsOf, providerPropsOf } from "./policy-kit";
import { label } from "./report";
import { TagView } from "./tags";
import { T } from "./types";
import { Prop } from "./values";

export type Tri = "yes" | "no" | "maybe";

export function anyOf(values: readonly Tri[]): Tri {
  if (values.includes("yes")) {
    return "yes";
  }
  return values.includes("maybe") ? "maybe" : "no";
}

export function allOf(values: readonly Tri[]): Tri {
  if (values.includes("no")) {
    return "no";
  }
  return values.includes("maybe") ? "maybe" : "yes";
}

export function negate(value: Tri): Tri {
  return value === "yes" ? "no" : value === "no" ? "yes" : "maybe";
}

/** A part of an ARN not known during preview: a non-empty run without `:` or `/`. */
export const HOLE = Symbol("hole");
export type Token = string | typeof HOLE;

/** Builds a template from literal text and holes. */
export function template(...parts: readonly (string | undefined)[]): Token[] {
  return parts.flatMap((part): Token[] => (part === undefined ? [HOLE] : part.split("")));
}

/** Matches an ARN pattern (`*` wildcards) against a template with holes. */
export function matchArn(pattern: string, target: readonly Token[]): Tri {
  const p = pattern;
  const certainMemo = new Map<number, boolean>();
  const certain = (i: number, j: number): boolean => {
    const key = i * (target.length + 1) + j;
    const cached = certainMemo.get(key);
    if (cached !== undefined) {
      return cached;
    }
    let result: boolean;
    if (i === p.length) {
      result = j === target.length;
    } else if (p[i] === "*") {
      result = certain(i + 1, j) || (j < target.length && certain(i, j + 1));
    } else {
      const token = target[j];
      result = token !== undefined && token !== HOLE && token === p[i] && certain(i + 1, j + 1);
    }
    certainMemo.set(key, result);
    return result;
  };
  if (certain(0, 0)) {
    return "yes";
  }

  const possibleMemo = new Map<number, boolean>();
  // `inHole`: inside the hole at target[j], at least one of its characters consumed.
  const possible = (i: number, j: number, inHole: boolean): boolean => {
    const key = (i * (target.length + 1) + j) * 2 + (inHole ? 1 : 0);
    const cached = possibleMemo.get(key);
    if (cached !== undefined) {
      return cached;
    }
    possibleMemo.set(key, false);
    let result = inHole && possible(i, j + 1, false);
    const token = target[j];
    if (!result && i === p.length) {
      result = !inHole && j === target.length;
    } else if (!result && p[i] === "*") {
      result =
        possible(i + 1, j, inHole) ||
        (!inHole &&
          token !== undefined &&
          (token === HOLE ? possible(i, j, true) : possible(i, j + 1, false)));
    } else if (!result && token !== undefined) {
      const ch = p[i] ?? "";
      result =
        token === HOLE
          ? ch !== ":" && ch !== "/" && possible(i + 1, j, true)
          : !inHole && token === ch && possible(i + 1, j + 1, false);
    }
    possibleMemo.set(key, result);
    return result;
  };
  return possible(0, 0, false) ? "maybe" : "no";
}

/**
 * The shape of a resource's ARN: exact when the `arn` output is known, else built from the inputs
 * that name it, with holes for the rest. Undefined for types whose ARN shape is not modelled.
 */
export function arnTemplate(resource: PolicyResource, partition: string): Token[] | undefined {
  const props = propsOf(resource);
  const arn = props.get("arn").string();
  if (arn !== undefined) {
    return template(arn);
  }
  const region = props.get("region").string() ?? providerPropsOf(resource).get("region").string();
  const regional = (service: string, ...rest: (string | undefined)[]): Token[] =>
    template(`arn:${partition}:${service}:`, region, ":", undefined, ":", ...rest);
  switch (resource.type) {
    case T.ebsVolume:
      return regional("ec2", "volume/", undefined);
    case T.ec2Instance:
      return regional("ec2", "instance/", undefined);
    case T.rdsInstance:
      return regional("rds", "db:", props.get("identifier").string());
    case T.rdsCluster:
      return regional("rds", "cluster:", props.get("clusterIdentifier").string());
    case T.efsFileSystem:
      return regional("elasticfilesystem", "file-system/", undefined);
    case T.dynamodbTable:
      return regional("dynamodb", "table/", props.get("name").string());
    case T.bucket:
    case T.bucketV2:
      return template(`arn:${partition}:s3:::`, props.get("bucket").string());
    case T.storedIscsiVolume: {
      const gateway = props.get("gatewayArn").string();
      return gateway !== undefined
        ? template(gateway, "/volume/", undefined)
        : regional("storagegateway", "gateway/", undefined, "/volume/", undefined);
    }
    default:
      return undefined;
  }
}

const TAG_PREFIX = "aws:resourcetag/";

/** The tag key of an `aws:ResourceTag/<key>` condition key, or undefined for another key. */
export function tagKeyOf(conditionKey: string): string | undefined {
  return conditionKey.toLowerCase().startsWith(TAG_PREFIX)
    ? conditionKey.slice(TAG_PREFIX.length)
    : undefined;
}

export interface Target {
  readonly resource: PolicyResource;
  readonly arn: Token[] | undefined;
  readonly tags: TagView;
}

export function targetOf(resource: PolicyResource, partition: string): Target {
  return {
    resource,
    arn: arnTemplate(resource, partition),
    tags: TagView.of(propsOf(resource), providerPropsOf(resource)),
  };
}

export interface Verdict {
  readonly result: Tri;
  /** Why the result is "maybe": the unknown values, named. */
  readonly reasons: readonly string[];
}

/** Evaluates one selection for one resource. */
export function evaluateSelection(selection: PolicyResource, target: Target): Verdict {
  const props = propsOf(selection);
  const reasons: string[] = [];
  const maybe = (prop: Prop, owner: PolicyResource = selection): Tri => {
    reasons.push(`${label(owner)} [${prop.unknownAt}] is unknown during preview`);
    return "maybe";
  };

  const arnList = (key: "resources" | "notResources"): Tri | undefined => {
    const list = props.get(key);
    const fedBy = dependencyUrns(selection, key).includes(target.resource.urn);
    if (list.isUnknown) {
      return fedBy ? "yes" : maybe(list);
    }
    if (!list.isList || list.items().length === 0) {
      return undefined;
    }
    return anyOf(
      list.items().map((item): Tri => {
        if (item.isUnknown) {
          return fedBy ? "yes" : maybe(item);
        }
        const pattern = item.string();
        if (pattern === undefined) {
          return "no";
        }
        if (target.arn === undefined) {
          if (/^\*+$/.test(pattern)) {
            return "yes";
          }
          reasons.push(`the ARN of ${label(target.resource)} has no known shape`);
          return "maybe";
        }
        const result = matchArn(pattern, target.arn);
        if (result === "maybe") {
          reasons.push(
            `the ARN of ${label(target.resource)} is unknown during preview, and ${JSON.stringify(pattern)} may or may not match it`,
          );
        }
        return result;
      }),
    );
  };

  const tagValue = (key: string): Prop => target.tags.get(key);

  const selectionTags = (): Tri | undefined => {
    const list = props.get("selectionTags");
    if (list.isUnknown) {
      return maybe(list);
    }
    if (!list.isList || list.items().length === 0) {
      return undefined;
    }
    return anyOf(
      list.items().map((entry): Tri => {
        const type = entry.get("type");
        const key = entry.get("key");
        const value = entry.get("value");
        for (const part of [entry, type, key, value]) {
          if (part.isUnknown) {
            return maybe(part);
          }
        }
        const keyText = key.string();
        const expected = value.string();
        if (
          type.string()?.toUpperCase() !== "STRINGEQUALS" ||
          keyText === undefined ||
          expected === undefined
        ) {
          return "no";
        }
        const tag = tagValue(tagKeyOf(keyText) ?? keyText);
        if (tag.isUnknown) {
          return maybe(tag, target.resource);
        }
        return tag.string() === expected ? "yes" : "no";
      }),
    );
  };

  const OPERATORS: Record<string, (tag: string | undefined, value: string) => boolean> = {
    stringEquals: (tag, value) => tag === value,
    stringLikes: (tag, value) => tag !== undefined && globMatches(value, tag),
    stringNotEquals: (tag, value) => tag !== value,
    stringNotLikes: (tag, value) => tag === undefined || !globMatches(value, tag),
  };

  const conditions = (): Tri => {
    const list = props.get("conditions");
    if (list.isUnknown) {
      return maybe(list);
    }
    const results: Tri[] = [];
    for (const block of list.blocks()) {
      for (const [operator, test] of Object.entries(OPERATORS)) {
        const entries = block.get(operator);
        if (entries.isUnknown) {
          results.push(maybe(entries));
          continue;
        }
        for (const entry of entries.items()) {
          const key = entry.get("key");
          const value = entry.get("value");
          const unknownPart = [entry, key, value].find((part) => part.isUnknown);
          if (unknownPart !== undefined) {
            results.push(maybe(unknownPart));
            continue;
          }
          const tagKey = tagKeyOf(key.string() ?? "");
          const expected = value.string();
          if (tagKey === undefined || expected === undefined) {
            // AWS Backup accepts only aws:ResourceTag/<key> conditions; others never match.
            results.push("no");
            continue;
          }
          const tag = tagValue(tagKey);
          if (tag.isUnknown) {
            results.push(maybe(tag, target.resource));
            continue;
          }
          results.push(test(tag.string(), expected) ? "yes" : "no");
        }
      }
    }
    return allOf(results);
  };

  const byArn = arnList("resources");
  const byTags = selectionTags();
  const included =
    byArn === undefined && byTags === undefined ? "yes" : anyOf([byArn ?? "no", byTags ?? "no"]);
  const excluded = arnList("notResources") ?? "no";
  const result = allOf([included, conditions(), negate(excluded)]);
  return { result, reasons: result === "maybe" ? [...new Set(reasons)] : [] };
}
