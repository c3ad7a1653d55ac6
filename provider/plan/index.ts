/** Diff and update planning (pure): what changed, replace or update, which changes need the VM off, the ordered steps. */
export * from "./hard-stop";
export * from "./resource-diff";
export * from "./same-value";
export * from "./switch-diff";
export * from "./vhd-diff";
export * from "./vm-changes";
export * from "./vm-diff";
export * from "./vm-steps";
