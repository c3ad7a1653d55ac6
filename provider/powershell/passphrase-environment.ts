/**
 * The stack's passphrase reaches only what decrypts: the engine (the Pulumi CLI or `pulumi-hyperv`),
 * which decrypts config and state itself. The processes it starts (pwsh sessions, the ssh client
 * they start, the program and plugin hosts) get a copy of the environment without it.
 */

/** The variables that carry the passphrase of a stack's passphrase secrets provider. */
export const PASSPHRASE_VARIABLES: readonly string[] = [
  "PULUMI_CONFIG_PASSPHRASE",
  "PULUMI_CONFIG_PASSPHRASE_FILE",
];

/**
 * A copy of `env` without the passphrase variables, for a child process that decrypts nothing.
 * Names compare case-insensitively: Windows environment names are.
 */
export function withoutPassphrase(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const removed = new Set(PASSPHRASE_VARIABLES.map((name) => name.toUpperCase()));
  return Object.fromEntries(Object.entries(env).filter(([name]) => !removed.has(name.toUpperCase())));
}
