# Lists every VM on the host: ids and names.
param($Payload)
, @(Hyper-V\Get-VM -ErrorAction Stop | ForEach-Object { [pscustomobject]@{ id = $_.Id.ToString(); name = $_.Name } })
