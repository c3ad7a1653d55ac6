/**
 * `pulumi-hyperv`: runs Pulumi programs of dynamic resources (this package's Hyper-V resources)
 * without the Pulumi CLI, with Pulumi's own language runtime, provider host and policy pack hosts.
 * For machines without the CLI, the demo and the tests; the same programs run under `pulumi up`.
 */
import { COMMANDS } from "./commands";
import { exitCodeOf } from "./errors";

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const list = Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join("\n");
  return (
    "Usage: pulumi-hyperv <command> [flags]\n\n" +
    "Runs a Pulumi program without the Pulumi CLI (same flags and state format as `pulumi`).\n\n" +
    `Commands:\n${list}\n\nRun \`pulumi-hyperv <command> --help\` for a command's flags.\n`
  );
}

/** Runs the command line; resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    (name === undefined ? process.stderr : process.stdout).write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(
      `error: unknown command "${name}": the commands are ${Object.keys(COMMANDS).join(", ")}\n`,
    );
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`${command.helpFor ? command.helpFor(rest) : command.help()}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message ?? String(e)}\n`);
    return exitCodeOf(e);
  }
}
