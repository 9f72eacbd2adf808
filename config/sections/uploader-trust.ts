/**
 * Who may assume the archive uploaders' roles, checked against the workload account: the root of
 * another account is trusted only with an external id or an organization condition.
 */
import { checkTrustedAccountRoots, type Issues } from "../../core";
import type { ArchiveSection } from "./archive";

export function checkUploaderTrustAccounts(
  config: { readonly accounts: { readonly workload: string }; readonly archive?: ArchiveSection },
  issues: Issues,
): void {
  (config.archive?.uploaders ?? []).forEach((uploader, index) => {
    checkTrustedAccountRoots(
      issues.at("archive").at("uploaders").at(index),
      uploader,
      config.accounts.workload,
    );
  });
}
