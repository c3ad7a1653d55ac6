/**
 * The provider's public entry point for checking a Hyper-V host outside a deployment
 * (`pulumi-hyperv/host-check`): read a host specification and the `hyperv:*` settings as the
 * provider reads them, then run the host checks with the pool options the provider would use.
 */
export { HOST_FORMS, readHostSpec } from "./model/fields";
export { InvalidArgumentError, type PoolOptions } from "./powershell";
export { checkHost, HOST_CHECKS, type HostCheck, type HostCheckResult } from "./powershell/diagnostics";
export {
  describeUnknownSetting,
  poolOptionsFor,
  readProviderSettings,
  SETTING_KEYS,
  unknownSettings,
  type ConfigReader,
  type ProviderSettings,
  type UnknownSetting,
} from "./resources/provider-settings";
