/**
 * Prints the resource tree of a preview: each component with its children, type, name and the
 * inputs a reviewer looks at first.
 */
import { readable } from "./report";
import type { RecordedResource } from "./types";

/** The inputs shown for each type; other types show their first few scalar inputs. */
const KEY_INPUTS: Readonly<Record<string, readonly string[]>> = {
  "aws:kms/key:Key": ["enableKeyRotation", "deletionWindowInDays"],
  "aws:kms/alias:Alias": ["name"],
  "aws:backup/vault:Vault": ["name", "kmsKeyArn"],
  "aws:backup/vaultLockConfiguration:VaultLockConfiguration": [
    "minRetentionDays",
    "maxRetentionDays",
    "changeableForDays",
  ],
  "aws:backup/vaultNotifications:VaultNotifications": ["backupVaultEvents"],
  "aws:backup/plan:Plan": ["name", "rules"],
  "aws:backup/selection:Selection": ["name", "selectionTags", "condition", "resources"],
  "aws:backup/framework:Framework": ["name", "controls"],
  "aws:backup/reportPlan:ReportPlan": ["name", "reportSetting"],
  "aws:sns/topic:Topic": ["name", "kmsMasterKeyId"],
  "aws:storagegateway/gateway:Gateway": ["gatewayName", "gatewayType", "gatewayTimezone"],
  "aws:storagegateway/storedIscsiVolume:StoredIscsiVolume": [
    "diskId",
    "targetName",
    "preserveExistingData",
    "kmsEncrypted",
  ],
  "aws:storagegateway/uploadBuffer:UploadBuffer": ["diskId", "diskPath"],
  "aws:directconnect/gateway:Gateway": ["name", "amazonSideAsn"],
  "aws:glacier/vault:Vault": ["name"],
  "aws:glacier/vaultLock:VaultLock": ["completeLock"],
};

const MAX_VALUE_LENGTH = 120;

function summarize(value: unknown): string {
  const shown = readable(value);
  if (typeof shown === "object" && shown !== null && "$unknown" in shown) return "(unknown)";
  if (typeof shown === "object" && shown !== null && "$secret" in shown) return "[secret]";
  const text = typeof shown === "string" ? shown : JSON.stringify(shown);
  if (text.length <= MAX_VALUE_LENGTH) return text;
  return `${text.slice(0, MAX_VALUE_LENGTH - 3)}...`;
}

function keyInputs(resource: RecordedResource): string {
  const inputs = resource.inputs;
  const names =
    KEY_INPUTS[resource.type] ??
    Object.keys(inputs)
      .filter((k) => {
        const v = inputs[k];
        return k !== "tags" && (typeof v !== "object" || v === null);
      })
      .slice(0, 4);
  return names
    .filter((n) => inputs[n] !== undefined)
    .map((n) => `${n}=${summarize(inputs[n])}`)
    .join(" ");
}

function flags(resource: RecordedResource): string {
  const marks: string[] = [];
  if (resource.protect) marks.push("protect");
  if (resource.retainOnDelete) marks.push("retain");
  if (resource.provider !== undefined) {
    const providerUrn = resource.provider.split("::").slice(0, -1).join("::");
    marks.push(`provider=${providerUrn.split("::").pop() ?? providerUrn}`);
  }
  return marks.length === 0 ? "" : ` [${marks.join(", ")}]`;
}

/** Renders the tree rooted at the stack, children in registration order. */
export function renderTree(resources: readonly RecordedResource[]): string {
  const children = new Map<string | undefined, RecordedResource[]>();
  for (const resource of resources) {
    const list = children.get(resource.parent) ?? [];
    list.push(resource);
    children.set(resource.parent, list);
  }
  const lines: string[] = [];
  const visit = (resource: RecordedResource, prefix: string, last: boolean, root: boolean) => {
    const branch = root ? "" : last ? "└─ " : "├─ ";
    const details = keyInputs(resource);
    lines.push(
      `${prefix}${branch}${resource.type} ${resource.name}${flags(resource)}${details === "" ? "" : `  ${details}`}`,
    );
    const kids = children.get(resource.urn) ?? [];
    const nextPrefix = root ? "" : prefix + (last ? "   " : "│  ");
    kids.forEach((kid, i) => visit(kid, nextPrefix, i === kids.length - 1, false));
  };
  const known = new Set(resources.map((r) => r.urn));
  const roots = resources.filter((r) => r.parent === undefined || !known.has(r.parent));
  roots.forEach((r) => visit(r, "", true, true));
  return lines.join("\n");
}

/** One line of totals: resources by kind and how many are protected. */
export function renderSummary(resources: readonly RecordedResource[]): string {
  const custom = resources.filter((r) => r.custom).length;
  const components = resources.length - custom;
  const protectedCount = resources.filter((r) => r.protect).length;
  return `${resources.length} resources: ${custom} cloud resources, ${components} components (stack included), ${protectedCount} protected.`;
}
