/** Components built from the support matrix: {@link LinuxIcsGuest} and its pure planning. */
export { LinuxIcsGuest, LINUX_ICS_GUEST_TYPE, type LinuxIcsGuestArgs } from "./linux-ics-guest";
export {
  layOutLinuxIcsGuest,
  type Adjustment,
  type LinuxIcsGuestLayout,
  type PlannedDisk,
  type PlannedVirtualMachine,
} from "./linux-ics-guest-layout";
export {
  LinuxIcsGuestArgsError,
  DEFAULT_DISK_FOLDER,
  type UnlistedDistribution,
} from "./linux-ics-guest-args";
