/** `pulumi-hyperv up`: preview, then create, update and delete resources to match the program. */
import { flagHelp } from "../args";
import { runOperation } from "../operation";
import type { Command } from "./command";
import {
  COMMON_FLAGS,
  CONTINUE_ON_ERROR_FLAG,
  parseDeploymentFlags,
  PROGRAM_FLAGS,
  REPLACE_FLAG,
  RUN_FLAGS,
  TARGET_FLAGS,
} from "./deployment-flags";

export const UP_FLAGS = [
  ...COMMON_FLAGS,
  ...RUN_FLAGS,
  ...TARGET_FLAGS,
  REPLACE_FLAG,
  CONTINUE_ON_ERROR_FLAG,
  ...PROGRAM_FLAGS,
];

export const up: Command = {
  summary: "Create or update the stack's resources to match the program",
  help: () => `Usage: pulumi-hyperv up [flags]\n\n${flagHelp(UP_FLAGS)}`,
  run: (argv) => runOperation("up", parseDeploymentFlags(argv, "up", UP_FLAGS)),
};
