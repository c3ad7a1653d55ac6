/**
 * Edits of `Pulumi.<stack>.yaml` that keep the rest of the file as written (comments, order): config
 * values at a key or a property path, secure values (`{secure: v1:...}`), the `encryptionsalt` line.
 * The same YAML the Pulumi CLI writes and reads.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { isMap, parseDocument, type Document } from "yaml";
import type { ConfigKey } from "./config-key";
import { UsageError } from "./errors";
import type { Project } from "./project";

/** A stack file opened for editing. */
export interface StackFile {
  path: string;
  doc: Document;
  save(): void;
}

/** Opens a stack file (absent: an empty one, created on save). */
export function openStackFile(path: string): StackFile {
  const doc = parseDocument(existsSync(path) ? readFileSync(path, "utf8") : "");
  if (doc.errors.length > 0) throw new UsageError(`${path}: ${doc.errors[0].message}`);
  const config = doc.get("config");
  if (config !== undefined && config !== null && !isMap(config))
    throw new UsageError(`${path}: "config" must be a map of key: value`);
  return { path, doc, save: () => writeFileSync(path, doc.toString()) };
}

/** The stack file a command uses: `--config-file`, else `Pulumi.<stack>.yaml` in the project. */
export function stackFileOf(project: Project, stack: string, configFile?: string): string {
  return configFile ?? `${project.dir}/Pulumi.${stack}.yaml`;
}

/** Sets a value at a key (and path); a path through a non-collection is refused. */
export function setConfigValue(file: StackFile, key: ConfigKey, value: unknown): void {
  const { doc } = file;
  if (!isMap(doc.get("config"))) doc.set("config", doc.createNode({}));
  if (key.path.length > 0) {
    const top = doc.getIn(["config", key.key]);
    if (top !== undefined && !isMap(top) && !(typeof top === "object" && top !== null && "items" in top))
      throw new UsageError(
        `could not set config: ${key.key} is a plain value, not a map or list: set it without --path first or remove it`,
      );
  }
  doc.setIn(["config", key.key, ...key.path], value);
}

/** The raw value at a key (and path): a string, number, boolean, `{secure}` or structure; undefined when absent. */
export function getConfigValue(file: StackFile, key: ConfigKey): unknown {
  const node = file.doc.getIn(["config", key.key, ...key.path], true) as
    { toJSON?: () => unknown } | undefined;
  if (node === undefined) return undefined;
  return typeof node === "object" && node !== null && "toJSON" in node && node.toJSON ? node.toJSON() : node;
}

/** Removes a key (and path); absent keys are no error, as for the CLI. */
export function removeConfigValue(file: StackFile, key: ConfigKey): void {
  if (file.doc.hasIn(["config", key.key, ...key.path])) file.doc.deleteIn(["config", key.key, ...key.path]);
}

/** Writes the stack's `encryptionsalt` (the passphrase provider's state). */
export function setEncryptionSalt(project: Project, stack: string, salt: string, configFile?: string): void {
  const file = openStackFile(stackFileOf(project, stack, configFile));
  file.doc.set("encryptionsalt", salt);
  file.save();
}
