/** The contract of a subcommand: one file under `cli/commands/`, one entry in the table in `index.ts`. */
export interface Command {
  /** One line for the command list. */
  summary: string;
  /** Full help (usage and flags). */
  help(): string;
  /** Help for the arguments given with `--help` (a subcommand's), when the command has subcommands. */
  helpFor?(argv: string[]): string;
  /** Runs the command with the arguments after its name; resolves with the exit code. */
  run(argv: string[]): Promise<number>;
}
