# Returns about `megabytes` MB of JSON: an array of 1 KB strings.
param($Payload)
$line = 'x' * 1000
$count = [int]([double]$Payload['megabytes'] * 1024)
$items = New-Object 'System.Collections.Generic.List[string]' -ArgumentList $count
for ($i = 0; $i -lt $count; $i++) { $items.Add($line) }
, $items.ToArray()
