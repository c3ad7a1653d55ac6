import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { dirname, join } from "node:path";
import { descendantPids, signalAll } from "../../provider/powershell/process-tree";
import { packageRoot, resolvePwshPath } from "../../provider/powershell/pwsh-path";

/** The sshd the SSH tests start: HYPERV_SSHD (set by `npm test`) or /usr/sbin/sshd; `undefined` when absent. */
export function sshdPath(): string | undefined {
  const candidate = process.env.HYPERV_SSHD ?? "/usr/sbin/sshd";
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * Skips the calling suite when there is no sshd, except under CI (`CI` set), where that is a failure:
 * the SSH tests must run there.
 */
export function requireSshd(context: Mocha.Context): string {
  const sshd = sshdPath();
  if (sshd) return sshd;
  if (process.env.CI) throw new Error("sshd is missing: `npm test` installs openssh-server; run it as root.");
  context.skip();
}

/** A throwaway sshd on 127.0.0.1 whose PowerShell subsystem is the simulated Hyper-V host. */
export interface SshServer {
  /** `ssh://<user>@127.0.0.1:<port>` */
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** The temporary directory holding everything; removed by `dispose()`. */
  readonly directory: string;
  /** A private key the server accepts (no passphrase). */
  readonly keyFile: string;
  /** A private key the server accepts, protected by {@link passphrase}. */
  readonly passphraseKeyFile: string;
  readonly passphrase: string;
  /** A private key the server does not accept. */
  readonly wrongKeyFile: string;
  /** A known-hosts file holding the server's host key. */
  readonly knownHostsFile: string;
  /** A known-hosts file holding another key for the same host. */
  readonly wrongKnownHostsFile: string;
  /** The far side's simulator state directory. */
  readonly stateDir: string;
  /** sshd's log. */
  readonly logFile: string;
  /** Starts sshd (again) on the same port with the same keys; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Kills sshd and every process under it (open connections, remote PowerShell) at once. */
  kill(): Promise<void>;
  /** Kills sshd and removes the temporary directory. */
  dispose(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function keygen(file: string, passphrase = ""): void {
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrase, "-C", "hyperv-test", "-f", file], {
    stdio: "ignore",
  });
}

function shellQuote(value: string): string {
  if (value.includes("'")) throw new Error(`test path contains a quote: ${value}`);
  return `'${value}'`;
}

function dotnetDirectory(): string | undefined {
  for (const directory of (process.env.PATH ?? "").split(":")) {
    if (directory && existsSync(join(directory, "dotnet"))) return directory;
  }
  return undefined;
}

/**
 * Starts sshd on a free loopback port with a fresh host key and user keys in a temporary directory. Its
 * `powershell` subsystem runs `pwsh -sshs` through a wrapper that points the module path at the simulator
 * and its state at the temporary directory, and keeps `dotnet` (which the .NET tool pwsh runs on) on PATH.
 * Nothing outside the temporary directory is changed.
 */
export async function startSshServer(sshd: string): Promise<SshServer> {
  const directory = mkdtempSync(join(tmpdir(), "hyperv-sshd-"));
  const port = await freePort();
  const user = userInfo().username;
  const path = (name: string) => join(directory, name);
  const stateDir = path("state");
  mkdirSync(stateDir);
  const passphrase = `pass phrase ' " $(x) ${Math.random().toString(36).slice(2)}`;
  keygen(path("host_key"));
  keygen(path("user_key"));
  keygen(path("passphrase_key"), passphrase);
  keygen(path("wrong_key"));
  keygen(path("other_host_key"));
  writeFileSync(
    path("authorized_keys"),
    readFileSync(path("user_key.pub"), "utf8") + readFileSync(path("passphrase_key.pub"), "utf8"),
    { mode: 0o600 },
  );
  const hostEntry = (keyFile: string) => `[127.0.0.1]:${port} ${readFileSync(keyFile, "utf8").trim()}\n`;
  writeFileSync(path("known_hosts"), hostEntry(path("host_key.pub")));
  writeFileSync(path("wrong_known_hosts"), hostEntry(path("other_host_key.pub")));

  const simulator = join(packageRoot, "provider", "simulator");
  const dotnet = dotnetDirectory();
  const wrapper = path("pwsh-subsystem.sh");
  writeFileSync(
    wrapper,
    [
      "#!/bin/sh",
      "# The far side of the tests' SSH connections: PowerShell with the simulated Hyper-V module.",
      dotnet ? `PATH=${shellQuote(dotnet)}:"$PATH"; export PATH` : "",
      `PSModulePath=${shellQuote(simulator)}; export PSModulePath`,
      `HYPERV_PS_MODULES_FIRST=${shellQuote(simulator)}; export HYPERV_PS_MODULES_FIRST`,
      `HYPERV_SIM_STATE_DIR=${shellQuote(stateDir)}; export HYPERV_SIM_STATE_DIR`,
      // Where a Windows host keeps per-user data (the operation scripts' cache): inside the directory.
      `LOCALAPPDATA=${shellQuote(path("localappdata"))}; export LOCALAPPDATA`,
      "DOTNET_EnableDiagnostics=0; POWERSHELL_TELEMETRY_OPTOUT=1; POWERSHELL_UPDATECHECK=Off",
      "export DOTNET_EnableDiagnostics POWERSHELL_TELEMETRY_OPTOUT POWERSHELL_UPDATECHECK",
      `exec ${shellQuote(resolvePwshPath())} -sshs -NoLogo -NoProfile`,
      "",
    ].join("\n"),
  );
  chmodSync(wrapper, 0o755);
  const config = path("sshd_config");
  writeFileSync(
    config,
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${path("host_key")}`,
      `PidFile ${path("sshd.pid")}`,
      `AuthorizedKeysFile ${path("authorized_keys")}`,
      // The temporary directory is not owned the way sshd insists on for home directories.
      "StrictModes no",
      "UsePAM no",
      "PermitRootLogin prohibit-password",
      "PasswordAuthentication yes",
      "KbdInteractiveAuthentication no",
      "PrintMotd no",
      "LogLevel VERBOSE",
      `Subsystem powershell ${wrapper}`,
      "",
    ].join("\n"),
  );

  const logFile = path("sshd.log");
  let daemon: ChildProcess | undefined;
  const server: SshServer = {
    host: `ssh://${user}@127.0.0.1:${port}`,
    port,
    user,
    directory,
    keyFile: path("user_key"),
    passphraseKeyFile: path("passphrase_key"),
    passphrase,
    wrongKeyFile: path("wrong_key"),
    knownHostsFile: path("known_hosts"),
    wrongKnownHostsFile: path("wrong_known_hosts"),
    stateDir,
    logFile,
    async start() {
      if (daemon && daemon.exitCode === null && daemon.signalCode === null) return;
      const log = openSync(logFile, "a");
      // -D: stay in the foreground as our child; -e: log to stderr (the log file).
      const started = spawn(sshd, ["-D", "-e", "-f", config], { stdio: ["ignore", "ignore", log] });
      daemon = started;
      const deadline = Date.now() + 10_000;
      while (!(await accepts(port))) {
        if (started.exitCode !== null || Date.now() > deadline) {
          throw new Error(`sshd did not start: ${readFileSync(logFile, "utf8").slice(-2000)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async kill() {
      const running = daemon;
      if (!running?.pid || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      // Connections live in sshd's children (the remote PowerShell under them): end the whole tree.
      signalAll([running.pid, ...descendantPids(running.pid)], "SIGKILL");
      await exited;
    },
    async dispose() {
      await server.kill();
      rmSync(directory, { recursive: true, force: true });
    },
  };
  mkdirSync(dirname(logFile), { recursive: true });
  await server.start();
  return server;
}
