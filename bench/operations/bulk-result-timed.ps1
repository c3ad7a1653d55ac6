# Times, inside PowerShell, what producing a bulk-result envelope costs pwsh itself: running the operation,
# serializing its result as the prelude does and printing that line to the session's stdout (which the
# caller reads and ignores as stray output).
param($Payload)
$watch = [System.Diagnostics.Stopwatch]::StartNew()
$data = & ([System.IO.Path]::Combine($PSScriptRoot, 'bulk-result.ps1')) -Payload $Payload
$envelope = [ordered]@{ ok = $true; data = $data; warnings = @(); error = $null }
$json = ConvertTo-Json -InputObject $envelope -Depth 64 -Compress -EscapeHandling EscapeNonAscii
[System.Console]::Out.WriteLine($json)
$watch.Stop()
[pscustomobject]@{ milliseconds = $watch.Elapsed.TotalMilliseconds; characters = $json.Length }
