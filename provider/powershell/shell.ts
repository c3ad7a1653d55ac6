import type { ChildProcess } from "node:child_process";
import type { Readable } from "node:stream";
import { PowerShell, type InvocationResult } from "node-powershell";
import { endWithNode } from "./exit-cleanup";
import { assertInstanceInternals, assertPrototypeInternals } from "./node-powershell-internals";
import { descendantPids, killWindowsTree, signalAll } from "./process-tree";

/** How long a pwsh launcher may take to exit after its PowerShell child was signalled. */
const LAUNCHER_GRACE_MS = 2000;

/** How a shell's process ended: an exit code or signal, or the error that kept it from starting. */
export interface ShellExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: NodeJS.ErrnoException;
}

/** A started node-powershell shell plus what node-powershell keeps private but a pool needs. */
export interface ShellHandle {
  /** Runs one command line; resolves with node-powershell's result (never throws on stderr). */
  invoke(line: string): Promise<InvocationResult>;
  /** Drops node-powershell's record of past commands (it is never trimmed otherwise). */
  forgetHistory(): void;
  /** The pwsh process id, if it started. */
  readonly pid: number | undefined;
  /** Settles once the process is gone, however it ended. */
  readonly exited: Promise<ShellExit>;
  /** True once the process is gone. */
  readonly hasExited: boolean;
  /** Sends a signal to pwsh and its descendants (nothing if it is gone) and waits for it to exit. */
  terminate(signal: NodeJS.Signals): Promise<ShellExit>;
}

/** The private parts of node-powershell's Shell this module relies on. */
interface ShellInternals {
  process: ChildProcess;
  exitPromise: Promise<void>;
  debuggers: Record<string, { enabled: boolean }>;
}

/** Removes the spaces, CRs and LFs around a call's output, as node-powershell's own reader does. */
function trimFrame(text: string): string {
  const isFrameSpace = (code: number) => code === 0x20 || code === 0x0a || code === 0x0d;
  let start = 0;
  let end = text.length;
  while (start < end && isFrameSpace(text.charCodeAt(start))) start++;
  while (end > start && isFrameSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/**
 * Reads one invocation's output from a stream: the text between the first two occurrences of the
 * invocation's delimiter. Replaces node-powershell's own reader, which only looks for the second delimiter
 * in a short window at the end of the buffer and so hangs when a whole CRLF frame (Windows) or a frame after
 * stray output arrives in one chunk. Linear in the output's size: each chunk is searched once (plus the few
 * characters before it, where a delimiter split across chunks starts), and the chunks are joined once.
 */
export function readBetweenDelimiters(stream: Readable, delimiter: string): Promise<Buffer> {
  const overlap = delimiter.length - 1;
  return new Promise((resolve) => {
    let started = false;
    let carry = ""; // the last characters seen, where a delimiter split across chunks may start
    const body: string[] = [];
    let bodyLength = 0;
    const onBody = (text: string): void => {
      const window = carry + text;
      const at = window.indexOf(delimiter);
      body.push(text);
      if (at === -1) {
        bodyLength += text.length;
        carry = window.slice(Math.max(0, window.length - overlap));
        return;
      }
      stream.off("data", onData);
      const end = bodyLength - carry.length + at;
      resolve(Buffer.from(trimFrame(body.join("").slice(0, end))));
    };
    const onData = (chunk: string | Buffer): void => {
      const text = chunk.toString();
      if (started) return onBody(text);
      const window = carry + text;
      const first = window.indexOf(delimiter);
      if (first === -1) {
        carry = window.slice(Math.max(0, window.length - overlap));
        return;
      }
      started = true;
      carry = "";
      onBody(window.slice(first + delimiter.length));
    };
    stream.on("data", onData);
    stream.resume();
  });
}

/** node-powershell's PowerShell class with a reader that finds the framing delimiters reliably. */
class FramedPowerShell extends PowerShell {}
// Checked before it is replaced: a renamed reader would leave node-powershell's own in place.
assertPrototypeInternals(PowerShell.prototype);
(
  FramedPowerShell.prototype as unknown as { readBulkFromOutput: typeof readBetweenDelimiters }
).readBulkFromOutput = readBetweenDelimiters;

/** What a shell needs to start. */
export interface ShellStartOptions {
  pwshPath: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Starts `pwsh -NoLogo -NoProfile -NonInteractive -NoExit -Command -` through node-powershell, guarding
 * against the library's hazards: NODE_POWERSHELL overriding the executable, debug logging of commands to
 * stdout, unhandled rejections when pwsh is missing or dies early, and stream errors after exit.
 */
export function startShell({ pwshPath, env }: ShellStartOptions): ShellHandle {
  const override = process.env.NODE_POWERSHELL;
  delete process.env.NODE_POWERSHELL;
  let shell: FramedPowerShell;
  try {
    shell = new FramedPowerShell({
      executable: pwshPath,
      executableOptions: {
        "-NoProfile": true,
        "-NonInteractive": true,
        ...(process.platform === "win32" ? { "-ExecutionPolicy": "Bypass" } : {}),
      },
      throwOnInvocationError: false,
      debug: false,
      spawnOptions: { windowsHide: true, env },
    });
  } finally {
    if (override !== undefined) process.env.NODE_POWERSHELL = override;
  }
  try {
    assertInstanceInternals(shell);
  } catch (error) {
    (shell as unknown as { process?: { kill?: () => void } }).process?.kill?.();
    throw error;
  }
  const internals = shell as unknown as ShellInternals;
  internals.exitPromise.catch(() => undefined);
  for (const debuggerInstance of Object.values(internals.debuggers)) debuggerInstance.enabled = false;
  // node-powershell's exit watcher pipes stderr into a buffer and unpipes it after a few chunks, which
  // pauses stderr mid-call; the readers above consume both streams themselves, so detach it now.
  shell.streams.stderr.unpipe();
  for (const stream of [shell.streams.stdin, shell.streams.stdout, shell.streams.stderr]) {
    stream.on("error", () => undefined);
  }

  const child = internals.process;
  // Idle sessions must not keep the Node.js process alive: a call in flight holds its own timer, and
  // pwsh ends by itself when its stdin closes with Node.js.
  child.unref();
  for (const stream of [shell.streams.stdin, shell.streams.stdout, shell.streams.stderr]) {
    (stream as unknown as { unref?: () => void }).unref?.();
  }
  let hasExited = false;
  const forget = child.pid === undefined ? () => undefined : endWithNode(child.pid);
  const exited = new Promise<ShellExit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", (error: NodeJS.ErrnoException) => {
      // A spawn failure emits 'error' without 'exit'; a kill failure emits 'error' on a live process.
      if (child.pid === undefined) resolve({ code: null, signal: null, error });
    });
  }).then((exit) => {
    hasExited = true;
    forget();
    return exit;
  });

  return {
    invoke: (line) => shell.invoke(line),
    forgetHistory: () => {
      shell.history.length = 0;
    },
    pid: child.pid,
    exited,
    get hasExited() {
      return hasExited;
    },
    async terminate(signal) {
      if (hasExited || child.pid === undefined) return exited;
      child.ref(); // whoever awaits the termination must see it finish
      if (process.platform === "win32") {
        killWindowsTree(child.pid);
        return exited;
      }
      // Signal the real PowerShell first and let the launcher reap it and exit on its own; a launcher
      // killed first would leave its child running (or unreaped) without a parent.
      const descendants = descendantPids(child.pid);
      signalAll(descendants, signal);
      if (descendants.length > 0) {
        const grace = new Promise<void>((resolve) => setTimeout(resolve, LAUNCHER_GRACE_MS).unref());
        await Promise.race([exited, grace]);
      }
      signalAll(hasExited ? [] : [child.pid], signal);
      return exited;
    },
  };
}
