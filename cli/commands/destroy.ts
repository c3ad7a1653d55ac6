/** `pulumi-hyperv destroy`: delete every resource of the stack, dependents first. */
import { flagHelp } from "../args";
import { runOperation } from "../operation";
import type { Command } from "./command";
import {
  COMMON_FLAGS,
  CONTINUE_ON_ERROR_FLAG,
  EXCLUDE_PROTECTED_FLAG,
  parseDeploymentFlags,
  RUN_FLAGS,
  TARGET_FLAGS,
} from "./deployment-flags";

const FLAGS = [
  ...COMMON_FLAGS,
  ...RUN_FLAGS,
  ...TARGET_FLAGS,
  EXCLUDE_PROTECTED_FLAG,
  CONTINUE_ON_ERROR_FLAG,
  { name: "refresh", kind: "boolean" as const, description: "Refresh the state from the provider first" },
];

export const destroy: Command = {
  summary: "Delete all of the stack's resources",
  help: () => `Usage: pulumi-hyperv destroy [flags]\n\n${flagHelp(FLAGS)}`,
  run: (argv) => runOperation("destroy", parseDeploymentFlags(argv, "destroy", FLAGS)),
};
