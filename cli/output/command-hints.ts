/**
 * Messages from Pulumi (the SDK, the engine's texts) tell the user to run Pulumi CLI commands, which a
 * machine that runs only `pulumi-hyperv` may not have: each such command gets its `pulumi-hyperv`
 * equivalent appended.
 */

const UNPROTECT = /`pulumi state unprotect '([^'`]+)'`/;
const CONFIG_SET = /`?pulumi config set( --secret)? +([^\s`]+) <value>`?/;

/** The message, with the `pulumi-hyperv` command for each Pulumi CLI command it names. */
export function withPulumiHypervCommands(message: string): string {
  const hints: string[] = [];
  const unprotect = UNPROTECT.exec(message);
  if (unprotect) hints.push(`without the Pulumi CLI: \`pulumi-hyperv state unprotect '${unprotect[1]}'\``);
  const config = CONFIG_SET.exec(message);
  if (config && config[1]) {
    hints.push(
      `without the Pulumi CLI: a secret needs \`pulumi config set --secret ${config[2]}\` (pulumi-hyperv reads ` +
        "encrypted values but does not write them)",
    );
  } else if (config) {
    hints.push(
      `without the Pulumi CLI: \`pulumi-hyperv up -c ${config[2]}=<value>\` (saved in the stack's Pulumi.<stack>.yaml)`,
    );
  }
  return hints.length > 0 ? `${message}\n${hints.join("\n")}` : message;
}
