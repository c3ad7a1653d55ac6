/**
 * The subcommands, by name. Adding one is one entry here plus its file in this folder.
 *
 * Each command's module loads when that command runs (or its help or summary is asked for): a
 * command such as `config set` never pays for loading the engine, Pulumi's SDK or the policy pack.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the modules load on first use */
import type { Command } from "./command";

/** A command whose module is required the first time any of its members is used. */
function onFirstUse(load: () => Command): Command {
  let loaded: Command | undefined;
  const command = () => (loaded ??= load());
  return {
    get summary() {
      return command().summary;
    },
    help: () => command().help(),
    helpFor: (argv) => {
      const c = command();
      return c.helpFor ? c.helpFor(argv) : c.help();
    },
    run: (argv) => command().run(argv),
  };
}

export const COMMANDS: Record<string, Command> = {
  preview: onFirstUse(() => (require("./preview") as typeof import("./preview")).preview),
  up: onFirstUse(() => (require("./up") as typeof import("./up")).up),
  refresh: onFirstUse(() => (require("./refresh") as typeof import("./refresh")).refresh),
  destroy: onFirstUse(() => (require("./destroy") as typeof import("./destroy")).destroy),
  stack: onFirstUse(() => (require("./stack") as typeof import("./stack")).stack),
  config: onFirstUse(() => (require("./config") as typeof import("./config")).config),
  state: onFirstUse(() => (require("./state") as typeof import("./state")).state),
  report: onFirstUse(() => (require("./report") as typeof import("./report")).report),
  doctor: onFirstUse(() => (require("./doctor") as typeof import("./doctor")).doctor),
  audit: onFirstUse(() => (require("./audit") as typeof import("./audit")).audit),
  setup: onFirstUse(() => (require("./setup") as typeof import("./setup")).setup),
};
