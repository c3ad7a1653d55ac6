/** A command made of subcommands (`stack init`, `config set`): dispatch, help and the list of them. */
import { flagHelp } from "../args";
import { UsageError } from "../errors";
import type { Command } from "./command";
import type { Subcommand } from "./stack/subcommand";

/**
 * The command `name` with these subcommands (aliases share an entry); `fallback` runs when the first
 * argument is no subcommand (`pulumi config` lists the config).
 */
export function commandGroup(
  name: string,
  summary: string,
  subcommands: Record<string, Subcommand>,
  fallback?: Subcommand,
): Command {
  const help = (): string => {
    const width = Math.max(...Object.keys(subcommands).map((n) => n.length));
    const list = Object.entries(subcommands)
      .map(([n, s]) => `  ${n.padEnd(width)}  ${s.summary}`)
      .join("\n");
    const own = fallback ? `Usage: pulumi-hyperv ${fallback.usage}\n\n${flagHelp(fallback.flags)}\n\n` : "";
    return `${own}Usage: pulumi-hyperv ${name} <command> [flags]\n\nCommands:\n${list}\n\nRun \`pulumi-hyperv ${name} <command> --help\` for a command's flags.`;
  };
  return {
    summary,
    help,
    helpFor: (argv: string[]) => {
      const sub =
        argv[0] !== undefined && Object.hasOwn(subcommands, argv[0]) ? subcommands[argv[0]] : undefined;
      return sub ? `Usage: pulumi-hyperv ${sub.usage}\n\n${sub.summary}.\n\n${flagHelp(sub.flags)}` : help();
    },
    run: async (argv) => {
      const [sub, ...rest] = argv;
      if (sub !== undefined && Object.hasOwn(subcommands, sub)) return subcommands[sub].run(rest);
      if (fallback && (sub === undefined || sub.startsWith("-"))) return fallback.run(argv);
      throw new UsageError(
        `unknown "${name}" subcommand "${sub ?? ""}": the subcommands are ${Object.keys(subcommands).join(", ")}`,
      );
    },
  };
}
