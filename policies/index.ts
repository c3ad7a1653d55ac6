import { PolicyPack } from "@pulumi/policy";
import { policies, POLICY_PACK_NAME } from "./api";

new PolicyPack(POLICY_PACK_NAME, {
  displayName: "Hyper-V: Linux Integration Components limits",
  description:
    "Refuses Linux guest configurations that the Linux Integration Components v2 for Hyper-V (or the guest's " +
    "declared release) cannot support, before anything is deployed.",
  policies,
  tags: ["hyper-v", "linux"],
});
