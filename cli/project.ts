/**
 * A Pulumi project directory as the CLI reads it: `Pulumi.yaml` (name, runtime and its options,
 * main) and `Pulumi.<stack>.yaml` (`config:` with namespaced keys, secure values,
 * `encryptionsalt`).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isMap, parseDocument, type YAMLError } from "yaml";
import { newPassphraseState, passphraseCrypter, passphraseFromEnvironment, type Crypter } from "./secrets";
import { UsageError } from "./errors";
import { parseConfigKey, pathValue } from "./config-key";

/** What `Pulumi.yaml` says about running the program. */
export interface Project {
  name: string;
  dir: string;
  runtime: string;
  /** `runtime.options.typescript` (the CLI's default is true). */
  typescript: boolean;
  /** `runtime.options.nodeargs`, split on spaces. */
  nodeargs: string[];
  /** `main`, relative to the project directory ("." when absent). */
  main: string;
}

/** A YAML file that does not parse: its path, the line and column, what is wrong, and the fix. */
function yamlSyntaxError(file: string, error: YAMLError): UsageError {
  const where = error.linePos?.[0];
  const position = where ? ` at line ${where.line}, column ${where.col}` : "";
  // yaml's message repeats the position and quotes the line: keep its first sentence.
  const what = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  return new UsageError(
    `${file}: YAML syntax error${position}: ${what}; fix the file there (it is left as it is)`,
  );
}

/** A `secure:` value decrypted, or an error naming the file and the key. */
function decryptConfigValue(file: string, key: string, ciphertext: string, crypter: () => Crypter): string {
  const opened = crypter();
  try {
    return opened.decrypt(ciphertext);
  } catch {
    throw new UsageError(
      `${file}: cannot decrypt the secure value of ${key}: wrong passphrase or damaged value; check ` +
        `PULUMI_CONFIG_PASSPHRASE, or set the value again with pulumi config set --secret ${key} <value>`,
    );
  }
}

/** Reads `Pulumi.yaml` in `dir`. */
export function loadProject(dir: string): Project {
  const file = join(dir, "Pulumi.yaml");
  if (!existsSync(file)) {
    throw new UsageError(
      `no Pulumi.yaml project file found in ${dir}: run the command in a project directory or pass -C <dir>`,
    );
  }
  const parsed = parseDocument(readFileSync(file, "utf8"));
  if (parsed.errors.length > 0) throw yamlSyntaxError(file, parsed.errors[0]);
  const doc = parsed.toJS() as Record<string, unknown> | null;
  const name = doc?.name;
  if (typeof name !== "string" || !name)
    throw new UsageError(`${file}: "name" is required (the project name)`);
  const runtime = doc?.runtime;
  const runtimeName = typeof runtime === "string" ? runtime : (runtime as { name?: unknown })?.name;
  if (runtimeName !== "nodejs") {
    throw new UsageError(
      `${file}: runtime "${String(runtimeName)}" is not supported: this command runs nodejs programs`,
    );
  }
  const options = (
    typeof runtime === "object" && runtime !== null ? (runtime as { options?: unknown }).options : {}
  ) as Record<string, unknown> | undefined;
  const nodeargs = options?.nodeargs;
  return {
    name,
    dir,
    runtime: runtimeName,
    typescript:
      options?.typescript === undefined ? true : options.typescript === true || options.typescript === "true",
    nodeargs: typeof nodeargs === "string" ? nodeargs.split(/\s+/).filter(Boolean) : [],
    main: typeof doc?.main === "string" ? doc.main : ".",
  };
}

/** One stack's configuration, decrypted lazily. */
export interface StackConfig {
  /** Namespaced key to value (strings as given, structured values as JSON text). */
  values: Record<string, string>;
  /** Keys whose values are secure (encrypted in the file). */
  secretKeys: string[];
  /** The stack's crypter; throws a clear error when no passphrase is set. */
  crypter(): Crypter;
  /** Whether a crypter can be had without an error (a passphrase is set). */
  hasPassphrase(): boolean;
  /** The stack file's `encryptionsalt`, if it has one. */
  encryptionSalt(): string | undefined;
}

function namespaced(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

function isSecure(value: unknown): value is { secure: string } {
  return (
    typeof value === "object" && value !== null && typeof (value as { secure?: unknown }).secure === "string"
  );
}

/** Where a stack's config comes from and how `-c` keys are read (the CLI's `--config-file`, `--config-path`). */
export interface StackConfigOptions {
  /** `--config-file`: this file instead of `Pulumi.<stack>.yaml`. */
  configFile?: string;
  /** `--config-path`: `-c` keys are property paths. */
  configPath?: boolean;
}

/**
 * Reads `Pulumi.<stack>.yaml` (absent: empty config), applies `-c key=value` overrides and saves
 * them back to the file, as the CLI's `--config` does. Secure values are refused with a clear
 * message unless a passphrase is set.
 */
export function loadStackConfig(
  project: Project,
  stack: string,
  overrides: string[] = [],
  options: StackConfigOptions = {},
): StackConfig {
  const file = options.configFile ?? join(project.dir, `Pulumi.${stack}.yaml`);
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw yamlSyntaxError(file, doc.errors[0]);
  let cached: Crypter | undefined;
  const crypter = (): Crypter => {
    if (cached) return cached;
    const passphrase = passphraseFromEnvironment();
    if (passphrase === undefined) {
      throw new UsageError(
        `stack "${stack}" needs its passphrase to encrypt or decrypt secrets: set PULUMI_CONFIG_PASSPHRASE ` +
          "(or PULUMI_CONFIG_PASSPHRASE_FILE) as for the Pulumi CLI",
      );
    }
    const salt = doc.get("encryptionsalt");
    if (typeof salt === "string") {
      cached = passphraseCrypter(passphrase, salt);
    } else {
      const created = newPassphraseState(passphrase);
      doc.set("encryptionsalt", created.state);
      writeFileSync(file, doc.toString());
      cached = created.crypter;
    }
    return cached;
  };

  if (overrides.length > 0) {
    for (const pair of overrides) {
      const eq = pair.indexOf("=");
      if (eq <= 0)
        throw new UsageError(`--config "${pair}": expected key=value (for example -c hyperv:host=simulator)`);
      if (!isMap(doc.get("config"))) doc.set("config", doc.createNode({}));
      const key = parseConfigKey(pair.slice(0, eq), project.name, options.configPath === true);
      const value = pair.slice(eq + 1);
      doc.setIn(["config", key.key, ...key.path], key.path.length > 0 ? pathValue(value) : value);
    }
    writeFileSync(file, doc.toString());
  }

  const raw = ((doc.toJS() as Record<string, unknown> | null)?.config ?? {}) as Record<string, unknown>;
  if (typeof raw !== "object" || Array.isArray(raw))
    throw new UsageError(`${file}: "config" must be a map of key: value`);
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  const secure: [string, string][] = [];
  for (const [key, value] of Object.entries(raw)) {
    const name = namespaced(project.name, key);
    if (isSecure(value)) {
      secretKeys.push(name);
      secure.push([name, value.secure]);
    } else {
      values[name] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  if (secure.length > 0) {
    if (passphraseFromEnvironment() === undefined) {
      throw new UsageError(
        `${file} holds secure values (${secretKeys.join(", ")}): set PULUMI_CONFIG_PASSPHRASE ` +
          "(or PULUMI_CONFIG_PASSPHRASE_FILE) to the stack's passphrase to decrypt them",
      );
    }
    for (const [name, ciphertext] of secure)
      values[name] = decryptConfigValue(file, name, ciphertext, crypter);
  }
  return {
    values,
    secretKeys,
    crypter,
    hasPassphrase: () => passphraseFromEnvironment() !== undefined,
    encryptionSalt: () => {
      const salt = doc.get("encryptionsalt");
      return typeof salt === "string" ? salt : undefined;
    },
  };
}
