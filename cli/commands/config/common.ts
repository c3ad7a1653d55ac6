/** What the `config` subcommands share: their flags, the stack file, the stack's crypter. */
import type { FlagSpec, FlagValues } from "../../args";
import { UsageError } from "../../errors";
import type { Project } from "../../project";
import {
  newPassphraseState,
  passphraseCrypter,
  passphraseFromEnvironment,
  type Crypter,
} from "../../secrets";
import { openStackFile, stackFileOf, type StackFile } from "../../stack-file";
import { resolveStack } from "../../stacks";
import { CWD_FLAG, projectOf, stackFlag } from "../stack/common";

export const CONFIG_FLAGS: FlagSpec[] = [
  CWD_FLAG,
  stackFlag(),
  {
    name: "config-file",
    kind: "string",
    value: "FILE",
    description: "Use the configuration values in the specified file rather than detecting the file name",
  },
];

export const PATH_FLAG = (verb: string): FlagSpec => ({
  name: "path",
  kind: "boolean",
  description: `The key contains a path to a property in a map or list to ${verb}`,
});

/** The project, stack and stack file a config command works on. */
export function configTarget(flags: FlagValues): { project: Project; stack: string; file: StackFile } {
  const project = projectOf(flags);
  const stack = resolveStack(project, flags.stack as string | undefined);
  return {
    project,
    stack,
    file: openStackFile(stackFileOf(project, stack, flags["config-file"] as string | undefined)),
  };
}

function needPassphrase(stack: string): string {
  const passphrase = passphraseFromEnvironment();
  if (passphrase === undefined) {
    throw new UsageError(
      `stack "${stack}" needs its passphrase to encrypt or decrypt secrets: set PULUMI_CONFIG_PASSPHRASE ` +
        "(or PULUMI_CONFIG_PASSPHRASE_FILE) as for the Pulumi CLI",
    );
  }
  return passphrase;
}

/** The stack's crypter from its `encryptionsalt`; a file without one gets a new salt (saved with the file). */
export function stackCrypter(file: StackFile, stack: string): Crypter {
  const passphrase = needPassphrase(stack);
  const salt = file.doc.get("encryptionsalt");
  if (typeof salt === "string") return passphraseCrypter(passphrase, salt);
  const created = newPassphraseState(passphrase);
  file.doc.set("encryptionsalt", created.state);
  return created.crypter;
}

/** Whether a raw stack-file value is a secure one. */
export function isSecure(value: unknown): value is { secure: string } {
  return (
    typeof value === "object" && value !== null && typeof (value as { secure?: unknown }).secure === "string"
  );
}

/** A raw value as the CLI prints it: strings as they are, structures as JSON. */
export function valueText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
