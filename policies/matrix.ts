/**
 * The Linux integration components support matrix, as data.
 *
 * The rows live in `provider/model/guest-support.ts` because the VM model derives its compliant
 * defaults from them and must not depend on the policy pack; the pack re-exports them here so
 * that both judge a guest from the same rows (dependencies point `policies -> model`).
 */
export {
  canonicalDistribution,
  canonicalVersion,
  DEFAULT_README_EDITION,
  describeGuests,
  GUEST_SUPPORT,
  guestCapabilities,
  guestMatches,
  inKernelCapabilities,
  inKernelRow,
  INTEGRATION_COMPONENTS_RELEASES,
  MOUSE_INTEGRATION_KNOWN_TO_FAIL,
  MOUSE_INTEGRATION_KNOWN_TO_WORK,
  MOUSE_INTEGRATION_RELEASE,
  mouseIntegrationStatus,
  README_EDITIONS,
  supportStatement,
  supportsSyntheticDevices,
  type GuestCapabilities,
  type GuestSelector,
  type IntegrationComponentsRelease,
  type MouseIntegrationStatus,
  type ReadmeEdition,
  type ReleaseSupport,
  type SupportStatement,
} from "../provider/model/guest-support";
export {
  FEATURE_TITLES,
  IN_KERNEL_FEATURES,
  IN_KERNEL_GUESTS,
  type Availability,
  type Citation,
  type InKernelFeature,
  type InKernelGuestRow,
} from "../provider/model/in-kernel-guests";
