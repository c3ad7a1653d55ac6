// Checkpoint (snapshot) objects of the Hyper-V module: Get-VMSnapshot's VMSnapshot with the
// configuration it captured. C# 5 syntax only: Windows PowerShell 5.1 compiles this file too.
using System;
using System.Collections.Generic;

namespace Microsoft.HyperV.PowerShell
{
    public enum SnapshotType
    {
        Standard = 0, Recovery = 1, Planned = 2, Missing = 5, Replica = 6, AppConsistentReplica = 7, SyncedReplica = 8
    }

    public class VMSnapshot : VirtualizationObject
    {
        public string Name { get; set; }
        public Guid Id { get; set; }
        public Guid VMId { get; set; }
        public string VMName { get; set; }
        public SnapshotType SnapshotType { get; set; }
        public bool IsAutomaticCheckpoint { get; set; }
        public VMState State { get; set; }
        public Guid? ParentSnapshotId { get; set; }
        public string ParentSnapshotName { get; set; }
        public Guid? ParentCheckpointId { get; set; }
        public string ParentCheckpointName { get; set; }
        public DateTime CreationTime { get; set; }
        public string Path { get; set; }
        public int Generation { get; set; }
        public string Version { get; set; }
        public long ProcessorCount { get; set; }
        public long MemoryStartup { get; set; }
        public long MemoryMinimum { get; set; }
        public long MemoryMaximum { get; set; }
        public bool DynamicMemoryEnabled { get; set; }
        public string Notes { get; set; }
        public CheckpointType CheckpointType { get; set; }
        public long SizeOfSystemFiles { get; set; }
        public HardDiskDrive[] HardDrives { get; set; }
        public DvdDrive[] DVDDrives { get; set; }
        public List<VMNetworkAdapter> NetworkAdapters { get; set; }
    }
}
