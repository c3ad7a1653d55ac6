/**
 * Persistence of a stack's state while an operation runs: the checkpoint
 * (`.pulumi-hyperv/stacks/<stack>.json`, the `pulumi stack export` document) and beside it an
 * append-only journal (`<stack>.journal.jsonl`) whose first line is the snapshot the run started
 * from and every further line one step's entry. A step costs one appended line, so recording a run
 * grows with its steps; the checkpoint is rewritten from time to time (after as many entries as
 * the stack has resources, so the total stays linear) and at the end, when the journal goes. A
 * killed run leaves the last checkpoint, which `pulumi stack import` takes, and its journal,
 * which the next command replays first. Every checkpoint is verified before it is written.
 */
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import type { JournalEntry } from "./journal";
import { replay } from "./journal";
import type { SnapshotPersister } from "./snapshot-manager";
import {
  decryptState,
  encryptState,
  readCheckpoint,
  writeCheckpoint,
  type SecretsAccess,
} from "../checkpoint";
import { verifyIntegrity } from "../deploy/integrity";
import { compactState, type ResourceState, type Snapshot } from "../state";

/** Where a checkpoint's journal lives. */
export function journalPath(checkpointFile: string): string {
  return checkpointFile.replace(/\.json$/, "") + ".journal.jsonl";
}

/** Writes the checkpoint after the integrity check; a snapshot that fails it is never written. */
export function writeVerifiedCheckpoint(file: string, snapshot: Snapshot, secrets: SecretsAccess): void {
  try {
    verifyIntegrity(snapshot);
  } catch (e) {
    throw new Error(
      `${(e as Error).message}\nThis is a bug in pulumi-hyperv: the checkpoint was not written, so ${file} ` +
        `keeps the last valid state${existsSync(journalPath(file)) ? `, and ${journalPath(file)} the steps since` : ""}.`,
      { cause: e },
    );
  }
  writeCheckpoint(file, snapshot, secrets);
}

function mapStates(entry: JournalEntry, fn: (s: ResourceState) => ResourceState): JournalEntry {
  switch (entry.kind) {
    case "begin":
      return { ...entry, operation: { ...entry.operation, resource: fn(entry.operation.resource) } };
    case "success":
    case "refresh-success":
      return entry.state ? { ...entry, state: fn(entry.state) } : entry;
    case "outputs":
      return { ...entry, state: fn(entry.state) };
    case "write":
      return {
        ...entry,
        snapshot: {
          resources: entry.snapshot.resources.map(fn),
          pendingOperations: entry.snapshot.pendingOperations.map((p) => ({
            ...p,
            resource: fn(p.resource),
          })),
        },
      };
    case "failure":
      return entry;
  }
}

/**
 * Reads the stack's state: the checkpoint, and a journal left by a killed run replayed over it
 * (then written as the checkpoint, and the journal removed, unless `readOnly`: commands that only
 * read the state, without the stack's lock, leave both files as they are).
 */
export function readStackState(file: string, secrets: SecretsAccess, readOnly = false): Snapshot {
  const journal = journalPath(file);
  if (!existsSync(journal)) return readCheckpoint(file, secrets);
  const lines = readFileSync(journal, "utf8").split("\n");
  const entries: JournalEntry[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    try {
      entries.push(mapStates(JSON.parse(line) as JournalEntry, (s) => decryptState(s, secrets)));
    } catch {
      // The last line of a killed run may be cut short: what came before it stands.
      break;
    }
  }
  const first = entries[0];
  const base = first?.kind === "write" ? first.snapshot : readCheckpoint(file, secrets);
  const snapshot = replay(base, first?.kind === "write" ? entries.slice(1) : entries);
  if (readOnly) return snapshot;
  writeVerifiedCheckpoint(file, snapshot, secrets);
  rmSync(journal, { force: true });
  return snapshot;
}

/** The journal of one run, and the checkpoint it compacts into. */
export class CheckpointPersister implements SnapshotPersister {
  private fd?: number;
  private sinceCompaction = 0;
  private readonly journal: string;

  constructor(
    private readonly file: string,
    private readonly secrets: SecretsAccess,
    base: Snapshot,
  ) {
    this.journal = journalPath(file);
    // A first run killed before its first compaction still leaves a checkpoint to import.
    if (!existsSync(file)) writeVerifiedCheckpoint(file, base, secrets);
    this.fd = openSync(this.journal, "w", 0o600);
    this.appendLine({ kind: "write", snapshot: base });
    this.threshold = Math.max(64, base.resources.length);
  }

  private threshold: number;

  private appendLine(entry: JournalEntry): void {
    const stored = mapStates(entry, (s) => compactState(encryptState(s, this.secrets)));
    writeSync(this.fd!, JSON.stringify(stored) + "\n");
  }

  append(entry: JournalEntry, current: () => Snapshot): void {
    this.appendLine(entry);
    if (++this.sinceCompaction >= this.threshold) {
      const snapshot = current();
      writeVerifiedCheckpoint(this.file, snapshot, this.secrets);
      this.sinceCompaction = 0;
      this.threshold = Math.max(64, snapshot.resources.length);
    }
  }

  /** Writes the final checkpoint and removes the journal. */
  close(final: Snapshot): void {
    writeVerifiedCheckpoint(this.file, final, this.secrets);
    this.release();
    rmSync(this.journal, { force: true });
  }

  /** Closes the journal without compacting (the checkpoint could not be written). */
  release(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
