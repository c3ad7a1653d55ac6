// Locates or installs the OpenSSH server that the SSH remoting tests start on loopback.
//
// sshd is taken from the HYPERV_SSHD environment variable (an absolute path) or /usr/sbin/sshd. When it is
// missing and this is a Debian-like system run as root, Debian's openssh-server is installed with apt-get
// (its service is not started: the tests run their own sshd on a free port). Where that is not possible,
// the tests that need sshd are skipped, and this says what to install.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";

const DEFAULT_SSHD = "/usr/sbin/sshd";

function log(message) {
  process.stderr.write(`[toolchain] ${message}\n`);
}

function aptGet(args) {
  const run = spawnSync("apt-get", args, {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return run.status === 0;
}

/**
 * Returns the path of sshd, installing Debian's openssh-server when it is missing and that is possible;
 * `undefined` (with a message) otherwise.
 */
export function ensureOpenSshServer() {
  const explicit = process.env.HYPERV_SSHD;
  if (explicit) {
    if (!existsSync(explicit)) {
      throw new Error(
        `HYPERV_SSHD is set to "${explicit}", but no file exists there. Point it at sshd or unset it.`,
      );
    }
    return explicit;
  }
  if (process.platform !== "linux") return existsSync(DEFAULT_SSHD) ? DEFAULT_SSHD : undefined;
  if (!existsSync(DEFAULT_SSHD)) {
    const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
    const hasApt = spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
    if (!isRoot || !hasApt) {
      log(
        "OpenSSH server (sshd) is not installed, so the SSH remoting tests are skipped. Install it " +
          "(Debian/Ubuntu: sudo apt-get install openssh-server) or set HYPERV_SSHD to the path of sshd.",
      );
      return undefined;
    }
    log("installing Debian's openssh-server for the SSH remoting tests (apt-get)");
    if (
      !aptGet(["update", "-q"]) ||
      !aptGet(["install", "-y", "-q", "--no-install-recommends", "openssh-server"])
    ) {
      log("apt-get could not install openssh-server; the SSH remoting tests are skipped.");
      return undefined;
    }
  }
  // sshd running as root needs its privilege separation directory, which the package's service unit
  // normally creates at boot.
  if (typeof process.getuid === "function" && process.getuid() === 0 && !existsSync("/run/sshd")) {
    mkdirSync("/run/sshd", { mode: 0o755 });
  }
  return existsSync(DEFAULT_SSHD) ? DEFAULT_SSHD : undefined;
}
