/**
 * The backup selections of a stack, indexed by the tags they select on, so that a resource is
 * evaluated only against the selections that could select it. A selection that selects by tag
 * values alone can only select a resource whose tag has one of those values, or is unknown; any
 * other selection (by ARN, with an unknown part, selecting everything) is evaluated for every
 * resource. The outcome is that of {@link evaluateSelection} over every selection: a selection
 * left out would have said "no" with no reason, and the first "yes" settles it.
 */
import { PolicyResource } from "@pulumi/policy";
import { propsOf, StackIndex } from "./policy-kit";
import { evaluateSelection, tagKeyOf, type Target, type Tri } from "./selections";
import { T } from "./types";

interface TagPostings {
  /** The selections that select on the tag, by the value they select. */
  readonly byValue: Map<string, number[]>;
  /** Every selection that selects on the tag: all of them may select a resource whose tag is unknown. */
  readonly all: number[];
}

/** The tag key and value pairs a selection selects by, or undefined when it is not only that. */
function tagPairsOnly(selection: PolicyResource): Array<[string, string]> | undefined {
  const props = propsOf(selection);
  const resources = props.get("resources");
  if (resources.isUnknown || (resources.isList && resources.items().length > 0)) return undefined;
  const tags = props.get("selectionTags");
  if (tags.isUnknown || !tags.isList || tags.items().length === 0) return undefined;
  const pairs: Array<[string, string]> = [];
  for (const entry of tags.items()) {
    const [type, key, value] = [entry.get("type"), entry.get("key"), entry.get("value")];
    if ([entry, type, key, value].some((part) => part.isUnknown)) return undefined;
    const keyText = key.string();
    const expected = value.string();
    // An entry of another operator, or without key or value, never selects anything.
    if (type.string()?.toUpperCase() !== "STRINGEQUALS") continue;
    if (keyText === undefined || expected === undefined) continue;
    pairs.push([tagKeyOf(keyText) ?? keyText, expected]);
  }
  return pairs;
}

export class SelectionIndex {
  private readonly selections: readonly PolicyResource[];
  private readonly always: number[] = [];
  private readonly byTag = new Map<string, TagPostings>();

  constructor(selections: readonly PolicyResource[]) {
    this.selections = selections;
    selections.forEach((selection, index) => {
      const pairs = tagPairsOnly(selection);
      if (pairs === undefined) {
        this.always.push(index);
        return;
      }
      for (const [key, value] of pairs) {
        let postings = this.byTag.get(key);
        if (postings === undefined) {
          postings = { byValue: new Map(), all: [] };
          this.byTag.set(key, postings);
        }
        if (postings.all[postings.all.length - 1] !== index) postings.all.push(index);
        const list = postings.byValue.get(value);
        if (list === undefined) postings.byValue.set(value, [index]);
        else if (list[list.length - 1] !== index) list.push(index);
      }
    });
  }

  /**
   * Whether any selection of the stack selects the target: "yes" as soon as one does; otherwise
   * "maybe" with every reason a selection could not decide, or "no".
   */
  selects(target: Target): { readonly result: Tri; readonly reasons: readonly string[] } {
    const candidates = new Set<number>(this.always);
    for (const [key, postings] of this.byTag) {
      const tag = target.tags.get(key);
      const value = tag.string();
      const matching = tag.isUnknown
        ? postings.all
        : value === undefined
          ? undefined
          : postings.byValue.get(value);
      matching?.forEach((index) => candidates.add(index));
    }
    const reasons = new Set<string>();
    let result: Tri = "no";
    for (const index of [...candidates].sort((a, b) => a - b)) {
      const verdict = evaluateSelection(this.selections[index]!, target);
      if (verdict.result === "yes") return { result: "yes", reasons: [] };
      if (verdict.result === "maybe") result = "maybe";
      verdict.reasons.forEach((reason) => reasons.add(reason));
    }
    return { result, reasons: [...reasons] };
  }
}

const indexes = new WeakMap<StackIndex, SelectionIndex>();

/** The selection index of a stack, built once per `analyzeStack` call. */
export function selectionIndexOf(stack: StackIndex): SelectionIndex {
  let index = indexes.get(stack);
  if (index === undefined) {
    index = new SelectionIndex(stack.ofType(T.backupSelection));
    indexes.set(stack, index);
  }
  return index;
}
