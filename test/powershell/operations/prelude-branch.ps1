# Reports which PowerShell version's branches the prelude runs (see HYPERV_PS_PRELUDE_AS_VERSION).
param($Payload)
[string](Microsoft.PowerShell.Core\Get-Module -Name 'prelude').SessionState.PSVariable.GetValue('FeatureVersion')
