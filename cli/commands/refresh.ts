/** `pulumi-hyperv refresh`: read the resources back from their provider and record the drift. */
import { flagHelp } from "../args";
import { runOperation } from "../operation";
import type { Command } from "./command";
import {
  COMMON_FLAGS,
  parseDeploymentFlags,
  REFRESH_FLAGS,
  RUN_FLAGS,
  TARGET_FLAGS,
} from "./deployment-flags";

const FLAGS = [...COMMON_FLAGS, ...RUN_FLAGS, ...TARGET_FLAGS, ...REFRESH_FLAGS];

export const refresh: Command = {
  summary: "Read the stack's resources back from the host and record what drifted",
  help: () => `Usage: pulumi-hyperv refresh [flags]\n\n${flagHelp(FLAGS)}`,
  run: (argv) => runOperation("refresh", parseDeploymentFlags(argv, "refresh", FLAGS)),
};
