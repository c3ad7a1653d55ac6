// Enum types of the Hyper-V module with their real numeric values, so that casts and
// ConvertTo-Json (which writes enums as numbers) behave as on a Windows host.
// C# 5 syntax only: Windows PowerShell 5.1 compiles this file too.
namespace Microsoft.HyperV.PowerShell
{
    public enum VMState
    {
        Other = 1, Running = 2, Off = 3, Stopping = 4, Saved = 6, Paused = 9, Starting = 10, Reset = 11,
        Saving = 32773, Pausing = 32776, Resuming = 32777, FastSaved = 32779, FastSaving = 32780,
        ForceShutdown = 32781, ForceReboot = 32782, Hibernated = 32783, ComponentServicing = 32784,
        RunningCritical = 32785, OffCritical = 32786, StoppingCritical = 32787, SavedCritical = 32788,
        PausedCritical = 32789, StartingCritical = 32790, ResetCritical = 32791, SavingCritical = 32792,
        PausingCritical = 32793, ResumingCritical = 32794, FastSavedCritical = 32795, FastSavingCritical = 32796
    }

    public enum StartAction { Nothing = 2, StartIfRunning = 3, Start = 4 }

    public enum StopAction { TurnOff = 2, Save = 3, ShutDown = 4 }

    public enum CriticalErrorAction { None = 0, Pause = 1 }

    public enum CheckpointType { Disabled = 2, Production = 3, ProductionOnly = 4, Standard = 5 }

    public enum OnOffState { On = 0, Off = 1 }

    public enum BootDevice { Floppy = 0, CD = 1, IDE = 2, LegacyNetworkAdapter = 3, NetworkAdapter = 4, VHD = 5 }

    public enum ControllerType { IDE = 0, SCSI = 1, PMEM = 2 }

    public enum DvdMediaType { None = 0, ISO = 1, PassThrough = 2 }

    public enum VMHeartbeatStatus
    {
        Unknown = 0, Disabled = 1, NoContact = 2, Error = 3, LostCommunication = 4,
        OkApplicationsUnknown = 5, OkApplicationsHealthy = 6, OkApplicationsCritical = 7, Paused = 8
    }

    public enum VMOperationalStatus
    {
        Ok = 2, Degraded = 3, PredictiveFailure = 5, InService = 11, Dormant = 15, SupportingEntityInError = 16,
        ApplyingSnapshot = 23769, CreatingSnapshot = 32768, DeletingSnapshot = 32770, WaitingToStart = 32771,
        MergingDisks = 32772, ExportingVirtualMachine = 32773, MigratingVirtualMachine = 32774,
        BackingUpVirtualMachine = 32776, ModifyingUpVirtualMachine = 32777, StorageMigrationPhaseOne = 32778,
        StorageMigrationPhaseTwo = 32779, MigratingPlannedVm = 32780, CheckingCompatibility = 32781,
        ApplicationCriticalState = 32782, CommunicationTimedOut = 32783, CommunicationFailed = 32784,
        NoIommu = 32785, NoIovSupportInNic = 32786, SwitchNotInIovMode = 32787, IovBlockedByPolicy = 32788,
        IovNoAvailResources = 32789, IovGuestDriversNeeded = 32790, CriticalIoError = 32795
    }

    public enum VMIntegrationComponentOperationalStatus
    {
        Ok = 2, Degraded = 3, Error = 6, NonRecoverableError = 7, NoContact = 12, LostCommunication = 13,
        ProtocolMismatch = 32775, ApplicationCritical = 32782, CommunicationTimedOut = 32783,
        CommunicationFailed = 32784, Disabled = 32896
    }

    public enum VMSwitchType { Private = 0, Internal = 1, External = 2 }

    public enum VMSwitchBandwidthMode { Default = 0, Weight = 1, Absolute = 2, None = 3 }

    public enum VMNetworkAdapterVlanMode { Untagged = 0, Access = 1, Trunk = 2, Private = 3 }

    public enum VMNetworkAdapterPrivateVlanMode { Isolated = 1, Community = 2, Promiscuous = 3 }

    public enum VMNetworkAdapterPortMirroringMode { None = 0, Destination = 1, Source = 2 }

    public enum VMNetworkAdapterOperationalStatus
    {
        Unknown = 0, Other = 1, Ok = 2, Degraded = 3, Stressed = 4, PredictiveFailure = 5, Error = 6,
        NonRecoverableError = 7, Starting = 8, Stopping = 9, Stopped = 10, InService = 11, NoContact = 12,
        LostCommunication = 13, Aborted = 14, Dormant = 15, SupportingEntity = 16, Completed = 17,
        PowerMode = 18, ProtocolVersion = 32775
    }

    public enum IovInterruptModerationValue { Default = 0, Adaptive = 1, Off = 2, Low = 100, Medium = 200, High = 300 }

    public enum CacheAttributes { Default = 0, WriteCacheEnabled = 1, WriteCacheAndFUAEnabled = 2, WriteCacheDisabled = 3 }

    public enum ConsoleModeType { Default = 0, COM1 = 1, COM2 = 2, None = 3 }

    public enum VirtualMachineType { RealizedVirtualMachine = 3, PlannedVirtualMachine = 4 }

    public enum VirtualMachineSubType { Unknown = 0, Generation1 = 1, Generation2 = 2 }

    public enum EnhancedSessionTransportType { VMBus = 0, HvSocket = 1 }

    public enum MigrationAuthenticationType { CredSSP = 0, Kerberos = 1 }

    public enum VMMigrationPerformance { TCPIP = 0, Compression = 1, SMB = 2 }

    public enum VrssQueueSchedulingModeType { Dynamic = 0, StaticVmq = 1, StaticVrss = 2 }

    public enum VrssVmbusChannelAffinityPolicyType { None = 1, Weak = 2, Strong = 3, Strict = 4 }

    public enum CaptureLiveState { CaptureCrashConsistentState = 0, CaptureSavedState = 1, CaptureDataConsistentState = 2 }

    public enum OperationType { MoveVirtualMachine = 0, ImportVirtualMachine = 1, MoveVirtualMachineAndStorage = 2 }

    public enum CopyFileSourceType { Host = 0 }
}

namespace Microsoft.Vhd.PowerShell
{
    public enum VhdType { Unknown = 0, Fixed = 2, Dynamic = 3, Differencing = 4 }

    public enum VhdFormat { Unknown = 0, VHD = 2, VHDX = 3, VHDSet = 4 }
}
