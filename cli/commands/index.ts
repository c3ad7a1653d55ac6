/**
 * The subcommands, by name. Adding one is one entry here plus its file in this folder.
 */
import { audit } from "./audit";
import type { Command } from "./command";
import { config } from "./config";
import { destroy } from "./destroy";
import { doctor } from "./doctor";
import { preview } from "./preview";
import { refresh } from "./refresh";
import { report } from "./report";
import { setup } from "./setup";
import { stack } from "./stack";
import { state } from "./state";
import { up } from "./up";

export const COMMANDS: Record<string, Command> = {
  preview,
  up,
  refresh,
  destroy,
  stack,
  config,
  state,
  report,
  doctor,
  audit,
  setup,
};
