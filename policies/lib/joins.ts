/**
 * Joining resources that configure another resource (a vault lock, a bucket's versioning) to the
 * resource they configure, in one pass with maps.
 *
 * The child names its parent in an input (`backupVaultName`, `bucket`). When that name is known it
 * is matched against the parents' name inputs; during preview it is usually an output of the
 * parent and unknown, and then the child's property dependencies for that input name the parent's
 * URN, which is exactly the join the engine records.
 */
import { PolicyResource } from "@pulumi/policy";
import { dependencyUrns, propsOf } from "./policy-kit";
import { label } from "./report";
import { Prop } from "./values";

export interface Undetermined {
  readonly child: PolicyResource;
  /** The unknown input that names the parent. */
  readonly prop: Prop;
  /** Parents the input depends on (several, or none in the stack). */
  readonly candidates: readonly string[];
}

export class Links {
  constructor(
    private readonly byParent: ReadonlyMap<string, readonly PolicyResource[]>,
    readonly undetermined: readonly Undetermined[],
  ) {}

  childrenOf(parent: PolicyResource): readonly PolicyResource[] {
    return this.byParent.get(parent.urn) ?? [];
  }

  /** Children whose parent is unknown during preview and could be `parent`. */
  possibleChildrenOf(parent: PolicyResource): readonly Undetermined[] {
    return this.undetermined.filter(
      (entry) => entry.candidates.length === 0 || entry.candidates.includes(parent.urn),
    );
  }
}

/** Maps each known name to the parents carrying it. */
export function indexByName(
  parents: readonly PolicyResource[],
  nameKey: string,
): Map<string, PolicyResource[]> {
  const byName = new Map<string, PolicyResource[]>();
  for (const parent of parents) {
    const name = propsOf(parent).get(nameKey).string();
    if (name === undefined) {
      continue;
    }
    const list = byName.get(name);
    if (list === undefined) {
      byName.set(name, [parent]);
    } else {
      list.push(parent);
    }
  }
  return byName;
}

/**
 * Links children to parents: `childKey` is the child's input naming the parent, `parentKey` the
 * parent's input holding its name. A child naming a resource outside the stack links to nothing.
 */
export function linkByName(
  children: readonly PolicyResource[],
  childKey: string,
  parents: readonly PolicyResource[],
  parentKey: string,
): Links {
  const byName = indexByName(parents, parentKey);
  const parentsByUrn = new Map(parents.map((parent) => [parent.urn, parent]));
  const byParent = new Map<string, PolicyResource[]>();
  const undetermined: Undetermined[] = [];
  const link = (child: PolicyResource, parent: PolicyResource): void => {
    const list = byParent.get(parent.urn);
    if (list === undefined) {
      byParent.set(parent.urn, [child]);
    } else if (!list.includes(child)) {
      list.push(child);
    }
  };

  for (const child of children) {
    const prop = propsOf(child).get(childKey);
    const candidates = dependencyUrns(child, childKey).filter((urn) => parentsByUrn.has(urn));
    const name = prop.string();
    if (name !== undefined) {
      const named = byName.get(name) ?? [];
      // A known name that matches no name input can still be a parent's (auto-named) output.
      const matched =
        named.length > 0
          ? named
          : candidates.length === 1
            ? [parentsByUrn.get(candidates[0] ?? "")].filter((p) => p !== undefined)
            : [];
      matched.forEach((parent) => link(child, parent));
      continue;
    }
    if (!prop.isUnknown) {
      continue;
    }
    const only = candidates.length === 1 ? parentsByUrn.get(candidates[0] ?? "") : undefined;
    if (only !== undefined) {
      link(child, only);
    } else {
      undetermined.push({ child, prop, candidates });
    }
  }
  return new Links(byParent, undetermined);
}

/**
 * The note for a parent that lacks a child while some children's parent is unknown during
 * preview: one of them may well be its own.
 */
export function undeterminedNote(parent: PolicyResource, entries: readonly Undetermined[]): string {
  const names = entries.map((entry) => `${label(entry.child)} [${entry.prop.unknownAt}]`);
  const verb = entries.length === 1 ? "that input is" : "those inputs are";
  return `could not tell whether ${label(parent)} is configured by ${names.join(", ")}, because ${verb} unknown during preview.`;
}
