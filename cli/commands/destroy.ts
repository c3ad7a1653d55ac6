/** `pulumi-hyperv destroy`: delete every resource of the stack, dependents first. */
import { flagHelp } from "../args";
import { runOperation } from "../operation";
import type { Command } from "./command";
import { COMMON_FLAGS, parseDeploymentFlags } from "./deployment-flags";

export const destroy: Command = {
  summary: "Delete all of the stack's resources",
  help: () => `Usage: pulumi-hyperv destroy [flags]\n\n${flagHelp(COMMON_FLAGS)}`,
  run: (argv) => runOperation("destroy", parseDeploymentFlags(argv, "destroy", COMMON_FLAGS)),
};
