/**
 * `config set <key> [value]`: writes the value to the stack file as the Pulumi CLI does, encrypted with
 * the stack's passphrase with `--secret` (`key: {secure: v1:...}`); without a value it reads standard
 * input when that is not a terminal, else prompts (pulumi/pulumi `pkg/cmd/pulumi/config/config.go`,
 * `configSetCmd.Run`).
 */
import { parseArgs, type FlagSpec } from "../../args";
import { parseConfigKey, pathValue } from "../../config-key";
import { looksLikeSecret } from "../../config-secret-heuristic";
import { UsageError } from "../../errors";
import { setConfigValue } from "../../stack-file";
import { promptLine, readStdin, removeTrailingNewline } from "../../terminal-input";
import type { Subcommand } from "../stack/subcommand";
import { CONFIG_FLAGS, configTarget, PATH_FLAG, stackCrypter } from "./common";

const FLAGS: FlagSpec[] = [
  ...CONFIG_FLAGS,
  PATH_FLAG("set"),
  { name: "plaintext", kind: "boolean", description: "Save the value as plaintext (unencrypted)" },
  { name: "secret", kind: "boolean", description: "Encrypt the value instead of storing it in plaintext" },
  {
    name: "raw",
    kind: "boolean",
    description: "When setting the value through stdin, do not trim trailing newlines from the value",
  },
];

async function valueOf(given: string | undefined, secret: boolean, raw: boolean): Promise<string> {
  if (given !== undefined) return given;
  if (!process.stdin.isTTY) {
    const text = await readStdin();
    return raw ? text : removeTrailingNewline(text);
  }
  return promptLine("value", secret);
}

export const set: Subcommand = {
  usage: "config set <key> [flags] [--] [value]",
  summary: "Set configuration value",
  flags: FLAGS,
  run: async (argv) => {
    const { flags, positionals } = parseArgs(argv, FLAGS, "config set");
    if (positionals.length < 1 || positionals.length > 2)
      throw new UsageError(
        `"config set" takes a key and an optional value, got ${positionals.length} arguments`,
      );
    if (flags.secret && flags.plaintext)
      throw new UsageError("if any flags in the group [secret plaintext] are set none of the others can be");
    const { project, stack, file } = configTarget(flags);
    const key = parseConfigKey(positionals[0], project.name, flags.path === true);
    if (flags.secret && key.path.length > 0)
      throw new UsageError("--secret with --path is not supported: set the secret at a top-level key");
    const secret = flags.secret === true;
    const value = await valueOf(positionals[1], secret, flags.raw === true);
    if (secret) {
      const crypter = stackCrypter(file, stack);
      setConfigValue(file, key, file.doc.createNode({ secure: crypter.encrypt(value) }));
    } else {
      const name = key.key.slice(key.key.indexOf(":") + 1);
      if (flags.plaintext !== true && looksLikeSecret(name, value)) {
        throw new UsageError(
          `config value for '${key.key}' looks like a secret; rerun with --secret to encrypt it, or --plaintext if you meant to store in plaintext`,
        );
      }
      setConfigValue(file, key, key.path.length > 0 ? pathValue(value) : value);
    }
    file.save();
    return 0;
  },
};
