import { PolicyPack } from "@pulumi/policy";
import { allPolicies, PACK_NAME } from "./catalog";

new PolicyPack(PACK_NAME, {
  description:
    "Backup tagging, retention floors, encryption, safety and audit rules for hybrid backup on AWS.",
  enforcementLevel: "mandatory",
  policies: [...allPolicies],
});
