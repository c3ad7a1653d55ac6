/**
 * The steps a VM script applies, in the order it applies them. Each step is plain data (it travels in
 * the JSON payload); `provider/powershell/scripts/lib/HvVm.ps1` (`Invoke-HvVmStep`) executes them.
 */
import type {
  AutomaticStartAction,
  AutomaticStopAction,
  BootDevice,
  ControllerType,
  IntegrationServicesSpec,
  SecureBootTemplate,
} from "../model";

/** Adapter settings a step sets; a key that is absent is left as it is. */
export interface AdapterSettings {
  name: string;
  legacy?: boolean;
  /** `null`: not connected. */
  switchName?: string | null;
  /** `null`: a dynamic MAC address. */
  macAddress?: string | null;
  /** `null`: untagged. */
  vlanId?: number | null;
  vmqWeight?: number;
}

export interface DiskSlot {
  controllerType: ControllerType;
  controllerNumber: number;
  controllerLocation: number;
}

export type VmStep =
  | { op: "rename"; vmName: string }
  | {
      op: "settings";
      automaticStartAction?: AutomaticStartAction;
      automaticStopAction?: AutomaticStopAction;
      notes?: string;
    }
  | { op: "integrationService"; service: keyof IntegrationServicesSpec; enabled: boolean }
  | { op: "removeAdapter"; name: string }
  | ({ op: "removeHardDisk" } & DiskSlot)
  | { op: "removeDvdDrive"; controllerNumber: number; controllerLocation: number }
  | { op: "processor"; count: number }
  | { op: "memory"; dynamic: boolean; startupMB: number; minimumMB?: number; maximumMB?: number }
  | { op: "scsiControllers"; count: number }
  | { op: "addHardDisk"; disk: DiskSlot & { path: string } }
  | { op: "addDvdDrive"; drive: { path?: string; controllerNumber: number; controllerLocation: number } }
  | { op: "setDvdDrive"; drive: { path?: string; controllerNumber: number; controllerLocation: number } }
  | { op: "addAdapter"; adapter: AdapterSettings & { legacy: boolean } }
  | { op: "configureAdapter"; adapter: AdapterSettings }
  | {
      op: "firmware";
      secureBoot?: boolean;
      secureBootTemplate?: SecureBootTemplate;
      /** Device kinds to boot first, each its first device in the spec's order (`bootDevices`). */
      bootOrder?: BootDevice[];
      /** Which device of each kind: the first declared hard disk slot and adapter name. */
      bootDevices?: {
        hardDisk?: DiskSlot;
        networkAdapter?: string;
        dvdDrive?: { controllerNumber: number; controllerLocation: number };
      };
    };

/** The order steps run in: removals before additions, so a slot or name can be reused in one update. */
export const STEP_ORDER: readonly VmStep["op"][] = [
  "rename",
  "settings",
  "integrationService",
  "removeAdapter",
  "removeHardDisk",
  "removeDvdDrive",
  "processor",
  "memory",
  "scsiControllers",
  "addHardDisk",
  "addDvdDrive",
  "setDvdDrive",
  "addAdapter",
  "configureAdapter",
  "firmware",
];

/** Sorts steps into {@link STEP_ORDER} (stable within one kind). */
export function orderSteps(steps: VmStep[]): VmStep[] {
  return [...steps].sort((a, b) => STEP_ORDER.indexOf(a.op) - STEP_ORDER.indexOf(b.op));
}
