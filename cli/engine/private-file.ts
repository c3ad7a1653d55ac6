/**
 * Files only their owner may read: the checkpoint, the stack's journal and lock hold the stack's
 * resources and encrypted secrets. On POSIX a private file is mode 0600 in a directory of mode 0700;
 * Windows has no such modes (a file there inherits its directory's ACL), so nothing is changed there.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const POSIX = process.platform !== "win32";

/** The mode of a private file. */
export const PRIVATE_FILE_MODE = 0o600;
/** The mode of a directory that holds private files. */
export const PRIVATE_DIRECTORY_MODE = 0o700;

/**
 * Creates `dir` (and its missing parents) with mode 0700, and narrows an existing `dir` that others
 * may read or enter (one an earlier version created 0755) to 0700.
 */
export function ensurePrivateDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  if (POSIX && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, PRIVATE_DIRECTORY_MODE);
}

/**
 * Writes `data` to `file` atomically (a temporary file beside it, then a rename: readers see the old
 * or the new file, never half of one) with mode 0600, in a directory of mode 0700. The mode is set on
 * the temporary file before it gets the data, so no reader ever sees the content with wider modes.
 */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  ensurePrivateDirectory(dirname(file));
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temp, "", { flag: "wx", mode: PRIVATE_FILE_MODE });
    // The umask only takes bits away; chmod makes the mode exactly 0600 whatever it is.
    if (POSIX) chmodSync(temp, PRIVATE_FILE_MODE);
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
