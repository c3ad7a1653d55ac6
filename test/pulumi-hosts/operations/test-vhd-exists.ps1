# Test helper: whether the simulated host has a file at a Windows path.
param($Payload)
Test-Path -LiteralPath (Hyper-V\Resolve-VMSimPath -Path ([string]$Payload['path'])) -PathType Leaf
