/**
 * The ntpd configuration of a Linux guest, rendered from its `timeSync` (pure). The Linux ICs v2
 * give the host no way to keep the guest's clock, so the guest keeps time itself with NTP.
 */
import type { TimeSyncSpec } from "../model";

/**
 * Renders `/etc/ntp.conf` for the guest: every server with `iburst` and `maxpoll` (log2 of
 * `maxPollSeconds`); with `stepOnResume`, ntpd steps a large offset at once instead of giving up
 * (`tinker panic 0`), since a guest resumed from saved state wakes up with its clock behind.
 */
export function renderNtpConf(timeSync: TimeSyncSpec, vmName: string): string {
  const maxpoll = Math.round(Math.log2(timeSync.maxPollSeconds));
  const lines = [
    `# ntpd configuration of the Hyper-V VM "${vmName.replace(/[\r\n]/g, " ")}", rendered from its timeSync input.`,
    "driftfile /var/lib/ntp/drift",
    "restrict default nomodify notrap nopeer noquery",
    "restrict 127.0.0.1",
    "restrict ::1",
  ];
  if (timeSync.stepOnResume) {
    lines.push("# Step the clock after a resume from saved state, however far it is behind.");
    lines.push("tinker panic 0");
    lines.push("tinker step 0.128");
  }
  if (timeSync.ntpServers.length === 0) lines.push("# No NTP servers are declared: set timeSync.ntpServers.");
  for (const server of timeSync.ntpServers) lines.push(`server ${server} iburst maxpoll ${maxpoll}`);
  return lines.join("\n") + "\n";
}
