// Ends the pwsh processes this Node.js process started when it exits or is told to stop (SIGINT, SIGTERM,
// SIGHUP), so a cancelled `pulumi up` or a killed CI job leaves no session running a call. A SIGKILL
// cannot be caught: each session's parent watchdog (scripts/ParentWatchdog.psm1) ends it then.
import { descendantPids, killWindowsTree, signalAll, waitUntilEnded } from "./process-tree";

const STOP_SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
/** How long an exit handler waits for the killed processes to be gone. */
const KILL_WAIT_MS = 2000;

const live = new Set<number>();
let installed = false;

/** Kills each live session's process tree and waits until it is gone; synchronous, for `exit` handlers. */
function killLiveSessions(): void {
  const killed: number[] = [];
  for (const pid of live) {
    if (process.platform === "win32") {
      killWindowsTree(pid);
      continue;
    }
    const tree = [...descendantPids(pid), pid];
    signalAll(tree, "SIGKILL");
    killed.push(...tree);
  }
  live.clear();
  waitUntilEnded(killed, KILL_WAIT_MS);
}

function onStopSignal(signal: NodeJS.Signals): void {
  killLiveSessions();
  // Listening to a signal replaces Node.js's default of ending the process. Restore that default when
  // nobody else handles the signal: stop listening and raise it again.
  if (process.listenerCount(signal) === 1) {
    uninstall();
    process.kill(process.pid, signal);
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", killLiveSessions);
  for (const signal of STOP_SIGNALS) process.on(signal, onStopSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off("exit", killLiveSessions);
  for (const signal of STOP_SIGNALS) process.off(signal, onStopSignal);
}

/**
 * Registers a started pwsh process (the one Node.js spawned; its descendants are found when needed) to
 * be killed with Node.js. Returns the function that unregisters it once it has exited.
 */
export function endWithNode(pid: number): () => void {
  live.add(pid);
  install();
  return () => {
    live.delete(pid);
    if (live.size === 0) uninstall();
  };
}
