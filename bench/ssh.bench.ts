// Calls over PowerShell SSH remoting to a loopback sshd, in the same run: a warm pooled session versus a
// new SSH session per call (pool size 0), and the per-call overhead of SSH over a local session.
import { createPool, type PoolOptions } from "../provider/powershell";
import { sshdPath, startSshServer } from "../test/powershell/ssh-server";

const POOLED_CALLS = 100;
const FRESH_CALLS = 3;
const payload = { name: "web-01", memoryStartupMB: 2048, tags: ["a", "b"] };

async function meanMs(calls: number, call: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await call();
  return Number(process.hrtime.bigint() - started) / 1e6 / calls;
}

async function main(): Promise<void> {
  const sshd = sshdPath();
  if (!sshd)
    throw new Error("sshd is missing: install openssh-server (npm run bench installs it when run as root).");
  const server = await startSshServer(sshd);
  const remote: PoolOptions = {
    host: server.host,
    connection: {
      sshKeyFile: server.keyFile,
      knownHostsFile: server.knownHostsFile,
      connectTimeoutMs: 30_000,
    },
  };
  const pooled = createPool({ ...remote, size: 1 });
  const fresh = createPool({ ...remote, size: 0 });
  const local = createPool({ size: 1, simulatorStateDir: server.stateDir });
  try {
    for (const warm of [pooled, local]) {
      for (let i = 0; i < 10; i++) await warm.invoke("echo", payload);
    }
    const call = (pool: typeof pooled) => () => pool.invoke("echo", payload, { kind: "read" });
    const localMs = await meanMs(POOLED_CALLS, call(local));
    const pooledMs = await meanMs(POOLED_CALLS, call(pooled));
    const freshMs = await meanMs(FRESH_CALLS, call(fresh));
    console.log(`local session: ${localMs.toFixed(2)} ms per call (${POOLED_CALLS} calls)`);
    console.log(`pooled SSH session: ${pooledMs.toFixed(2)} ms per call (${POOLED_CALLS} calls)`);
    console.log(
      `new SSH session per call (size 0): ${freshMs.toFixed(0)} ms per call (${FRESH_CALLS} calls)`,
    );
    console.log(
      `ratio: the pooled SSH session is ${(freshMs / pooledMs).toFixed(1)}x faster (target: at least 10x)`,
    );
    console.log(
      `SSH overhead per pooled call: ${(pooledMs - localMs).toFixed(2)} ms (${(pooledMs / localMs).toFixed(1)}x a local call)`,
    );
  } finally {
    await Promise.all([pooled.close(), fresh.close(), local.close()]);
    await server.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
