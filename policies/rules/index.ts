/** The pack's rules, in the order the docs list them. */
import { dynamicMemoryMultipleOf128MB } from "./dynamic-memory-multiple-of-128mb";
import { dynamicMemoryUnavailable } from "./dynamic-memory-unavailable";
import { emulatedDevicesOnly } from "./emulated-devices-only";
import { generation1 } from "./generation-1";
import { hostTimeSyncUnavailable } from "./host-time-sync-unavailable";
import { hypervDaemonsRequired } from "./hyperv-daemons-required";
import { liveBackupUnavailable } from "./live-backup-unavailable";
import { mouseIntegration } from "./mouse-integration";
import { networkOffloadsUnavailable } from "./network-offloads-unavailable";
import { ntpRequired } from "./ntp-required";
import { ptpTimeSource } from "./ptp-time-source";
import { savedStateClockSkew } from "./saved-state-clock-skew";
import { secureBootTemplate } from "./secure-boot-template";
import { shutdownIntegrationUnavailable } from "./shutdown-integration-unavailable";
import { singleVcpu } from "./single-vcpu";
import type { Rule } from "../rule";

export const rules: readonly Rule[] = [
  singleVcpu,
  emulatedDevicesOnly,
  ntpRequired,
  hostTimeSyncUnavailable,
  shutdownIntegrationUnavailable,
  savedStateClockSkew,
  networkOffloadsUnavailable,
  liveBackupUnavailable,
  mouseIntegration,
  generation1,
  dynamicMemoryUnavailable,
  secureBootTemplate,
  ptpTimeSource,
  hypervDaemonsRequired,
  dynamicMemoryMultipleOf128MB,
] as Rule[];
