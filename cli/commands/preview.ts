/** `pulumi-hyperv preview`: what `up` would do, with policy packs; changes nothing. */
import { flagHelp } from "../args";
import { runOperation } from "../operation";
import type { Command } from "./command";
import {
  COMMON_FLAGS,
  parseDeploymentFlags,
  PROGRAM_FLAGS,
  REPLACE_FLAG,
  RUN_FLAGS,
  TARGET_FLAGS,
} from "./deployment-flags";

const FLAGS = [
  ...COMMON_FLAGS.filter((f) => f.name !== "yes" && f.name !== "skip-preview"),
  ...RUN_FLAGS,
  ...TARGET_FLAGS,
  REPLACE_FLAG,
  ...PROGRAM_FLAGS,
];

export const preview: Command = {
  summary: "Show what an update would do (runs the program and the policy packs, changes nothing)",
  help: () => `Usage: pulumi-hyperv preview [flags]\n\n${flagHelp(FLAGS)}`,
  run: (argv) => runOperation("preview", parseDeploymentFlags(argv, "preview", FLAGS)),
};
