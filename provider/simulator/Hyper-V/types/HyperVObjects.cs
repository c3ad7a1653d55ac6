// Output object types of the Hyper-V module: real type names, property names and .NET types
// (memory in bytes, GUID ids). They carry data only; the simulator's behaviour lives in PowerShell.
// C# 5 syntax only: Windows PowerShell 5.1 compiles this file too.
using System;
using System.Collections.Generic;

namespace Microsoft.HyperV.PowerShell
{
    /// <summary>The exception type behind every error the module writes.</summary>
    public class VirtualizationException : Exception
    {
        public VirtualizationException(string message) : base(message) { }
    }

    public abstract class VirtualizationObject
    {
        public string ComputerName { get; set; }
        public bool IsDeleted { get; set; }
        public object CimSession { get; set; }
    }

    public abstract class VMComponentObject : VirtualizationObject
    {
        public string Name { get; set; }
        public string Id { get; set; }
        public Guid VMId { get; set; }
        public string VMName { get; set; }
        public Guid VMSnapshotId { get; set; }
        public string VMSnapshotName { get; set; }
    }

    public class VirtualMachine : VirtualizationObject
    {
        public string Name { get; set; }
        public Guid Id { get; set; }
        public VMState State { get; set; }
        public int Generation { get; set; }
        public string Version { get; set; }
        public string Path { get; set; }
        public string ConfigurationLocation { get; set; }
        public string SnapshotFileLocation { get; set; }
        public string SmartPagingFilePath { get; set; }
        public bool SmartPagingFileInUse { get; set; }
        public long ProcessorCount { get; set; }
        public long MemoryStartup { get; set; }
        public long MemoryMinimum { get; set; }
        public long MemoryMaximum { get; set; }
        public bool DynamicMemoryEnabled { get; set; }
        public long MemoryAssigned { get; set; }
        public long MemoryDemand { get; set; }
        public string MemoryStatus { get; set; }
        public int CPUUsage { get; set; }
        public TimeSpan Uptime { get; set; }
        public VMHeartbeatStatus? Heartbeat { get; set; }
        public string Status { get; set; }
        public string PrimaryStatusDescription { get; set; }
        public string SecondaryStatusDescription { get; set; }
        public string[] StatusDescriptions { get; set; }
        public VMOperationalStatus[] OperationalStatus { get; set; }
        public VMOperationalStatus? PrimaryOperationalStatus { get; set; }
        public VMOperationalStatus? SecondaryOperationalStatus { get; set; }
        public string IntegrationServicesState { get; set; }
        public Version IntegrationServicesVersion { get; set; }
        public StartAction AutomaticStartAction { get; set; }
        public int AutomaticStartDelay { get; set; }
        public StopAction AutomaticStopAction { get; set; }
        public CriticalErrorAction AutomaticCriticalErrorAction { get; set; }
        public int AutomaticCriticalErrorActionTimeout { get; set; }
        public bool AutomaticCheckpointsEnabled { get; set; }
        public CheckpointType CheckpointType { get; set; }
        public string Notes { get; set; }
        public bool GuestControlledCacheTypes { get; set; }
        public uint LowMemoryMappedIoSpace { get; set; }
        public ulong HighMemoryMappedIoSpace { get; set; }
        public OnOffState? LockOnDisconnect { get; set; }
        public bool? NumaAligned { get; set; }
        public int NumaNodesCount { get; set; }
        public int NumaSocketCount { get; set; }
        public Guid? ParentSnapshotId { get; set; }
        public string ParentSnapshotName { get; set; }
        public long SizeOfSystemFiles { get; set; }
        public DateTime CreationTime { get; set; }
        public bool IsClustered { get; set; }
        public bool ResourceMeteringEnabled { get; set; }
        public VirtualMachineType VirtualMachineType { get; set; }
        public VirtualMachineSubType VirtualMachineSubType { get; set; }
        public EnhancedSessionTransportType EnhancedSessionTransportType { get; set; }
        public List<VMNetworkAdapter> NetworkAdapters { get; set; }
        public HardDiskDrive[] HardDrives { get; set; }
        public DvdDrive[] DVDDrives { get; set; }
        public object FloppyDrive { get; set; }
        public List<VMIntegrationComponent> VMIntegrationService { get; set; }
    }

    public class VMProcessor : VMComponentObject
    {
        public long Count { get; set; }
        public long Maximum { get; set; }
        public long Reserve { get; set; }
        public int RelativeWeight { get; set; }
        public bool CompatibilityForMigrationEnabled { get; set; }
        public bool CompatibilityForOlderOperatingSystemsEnabled { get; set; }
        public long? HwThreadCountPerCore { get; set; }
        public bool ExposeVirtualizationExtensions { get; set; }
        public bool EnableHostResourceProtection { get; set; }
        public long MaximumCountPerNumaNode { get; set; }
        public long MaximumCountPerNumaSocket { get; set; }
        public string ResourcePoolName { get; set; }
        public VMOperationalStatus[] OperationalStatus { get; set; }
        public string[] StatusDescription { get; set; }
    }

    public class VMMemory : VMComponentObject
    {
        public long Startup { get; set; }
        public long Minimum { get; set; }
        public long Maximum { get; set; }
        public long MaximumPerNumaNode { get; set; }
        public bool DynamicMemoryEnabled { get; set; }
        public int Buffer { get; set; }
        public int Priority { get; set; }
        public string ResourcePoolName { get; set; }
    }

    public class VMNetworkAdapterVlanSetting
    {
        public VMNetworkAdapterVlanMode OperationMode { get; set; }
        public int AccessVlanId { get; set; }
        public int NativeVlanId { get; set; }
        public List<int> AllowedVlanIdList { get; set; }
        public string AllowedVlanIdListString { get; set; }
        public VMNetworkAdapterPrivateVlanMode PrivateVlanMode { get; set; }
        public int PrimaryVlanId { get; set; }
        public int SecondaryVlanId { get; set; }
        public List<int> SecondaryVlanIdList { get; set; }
        public string SecondaryVlanIdListString { get; set; }
        public VMNetworkAdapterBase ParentAdapter { get; set; }
        public bool IsTemplate { get; set; }
        public Guid VMId { get; set; }
        public string VMName { get; set; }
        public string AdapterName { get; set; }
    }

    public abstract class VMNetworkAdapterBase : VMComponentObject
    {
        public bool IsLegacy { get; set; }
        public bool IsManagementOs { get; set; }
        public bool IsExternalAdapter { get; set; }
        public string SwitchName { get; set; }
        public Guid? SwitchId { get; set; }
        public string AdapterId { get; set; }
        public string MacAddress { get; set; }
        public bool DynamicMacAddressEnabled { get; set; }
        public OnOffState MacAddressSpoofing { get; set; }
        public OnOffState DhcpGuard { get; set; }
        public OnOffState RouterGuard { get; set; }
        public OnOffState IeeePriorityTag { get; set; }
        public OnOffState AllowTeaming { get; set; }
        public OnOffState DeviceNaming { get; set; }
        public OnOffState FixSpeed10G { get; set; }
        public VMNetworkAdapterPortMirroringMode PortMirroringMode { get; set; }
        public uint VMQWeight { get; set; }
        public uint IovWeight { get; set; }
        public uint IovQueuePairsRequested { get; set; }
        public IovInterruptModerationValue IovInterruptModeration { get; set; }
        public uint VirtualSubnetId { get; set; }
        public uint DynamicIPAddressLimit { get; set; }
        public uint StormLimit { get; set; }
        public VMNetworkAdapterVlanSetting VlanSetting { get; set; }
        public object BandwidthSetting { get; set; }
        public string[] MandatoryFeatureId { get; set; }
        public string PoolName { get; set; }
        public bool ClusterMonitored { get; set; }
        public bool VrssEnabled { get; set; }
        public bool VrssEnabledRequested { get; set; }
        public bool VmmqEnabled { get; set; }
        public bool VmmqEnabledRequested { get; set; }
        public uint VrssMaxQueuePairs { get; set; }
        public uint VrssMaxQueuePairsRequested { get; set; }
        public uint VrssMinQueuePairs { get; set; }
        public uint VrssMinQueuePairsRequested { get; set; }
        public VrssQueueSchedulingModeType VrssQueueSchedulingMode { get; set; }
        public VrssQueueSchedulingModeType VrssQueueSchedulingModeRequested { get; set; }
        public bool VrssExcludePrimaryProcessor { get; set; }
        public bool VrssExcludePrimaryProcessorRequested { get; set; }
        public bool VrssIndependentHostSpreading { get; set; }
        public bool VrssIndependentHostSpreadingRequested { get; set; }
        public VrssVmbusChannelAffinityPolicyType VrssVmbusChannelAffinityPolicy { get; set; }
        public VrssVmbusChannelAffinityPolicyType VrssVmbusChannelAffinityPolicyRequested { get; set; }
        public long IPsecOffloadMaxSA { get; set; }
        public uint IPsecOffloadSAUsage { get; set; }
        public VMNetworkAdapterOperationalStatus[] Status { get; set; }
        public string[] StatusDescription { get; set; }
        public string[] IPAddresses { get; set; }
        public bool Connected { get; set; }
    }

    public class VMNetworkAdapter : VMNetworkAdapterBase
    {
        public bool IsSynthetic { get; set; }
        public bool AllowPacketDirect { get; set; }
        public bool NumaAwarePlacement { get; set; }
        public uint PacketDirectNumProcs { get; set; }
        public uint PacketDirectModerationCount { get; set; }
        public uint PacketDirectModerationInterval { get; set; }
        public string[] MandatoryFeatureName { get; set; }
        public string TestReplicaPoolName { get; set; }
        public string TestReplicaSwitchName { get; set; }
    }

    public class VMInternalNetworkAdapter : VMNetworkAdapterBase
    {
        public string DeviceId { get; set; }
    }

    public abstract class Drive : VMComponentObject
    {
        public string Path { get; set; }
        public ControllerType ControllerType { get; set; }
        public int ControllerNumber { get; set; }
        public int ControllerLocation { get; set; }
        public string PoolName { get; set; }
    }

    public class HardDiskDrive : Drive
    {
        public int? DiskNumber { get; set; }
        public ulong? MaximumIOPS { get; set; }
        public ulong? MinimumIOPS { get; set; }
        public Guid? QoSPolicyID { get; set; }
        public bool? SupportPersistentReservations { get; set; }
        public CacheAttributes? WriteHardeningMethod { get; set; }
    }

    public class DvdDrive : Drive
    {
        public DvdMediaType DvdMediaType { get; set; }
    }

    public class VMIntegrationComponent : VMComponentObject
    {
        public bool Enabled { get; set; }
        public VMIntegrationComponentOperationalStatus[] OperationalStatus { get; set; }
        public VMIntegrationComponentOperationalStatus? PrimaryOperationalStatus { get; set; }
        public VMIntegrationComponentOperationalStatus? SecondaryOperationalStatus { get; set; }
        public string PrimaryStatusDescription { get; set; }
        public string SecondaryStatusDescription { get; set; }
        public string[] StatusDescription { get; set; }
    }

    public class VMBios : VirtualizationObject
    {
        public bool NumLockEnabled { get; set; }
        public BootDevice[] StartupOrder { get; set; }
        public Guid VMId { get; set; }
        public string VMName { get; set; }
    }

    public class VMSwitch : VirtualizationObject
    {
        public string Name { get; set; }
        public Guid Id { get; set; }
        public string Notes { get; set; }
        public VMSwitchType SwitchType { get; set; }
        public bool AllowManagementOS { get; set; }
        public string NetAdapterInterfaceDescription { get; set; }
        public string[] NetAdapterInterfaceDescriptions { get; set; }
        public Guid[] NetAdapterInterfaceGuid { get; set; }
        public VMSwitchBandwidthMode BandwidthReservationMode { get; set; }
        public bool IovEnabled { get; set; }
        public bool IovSupport { get; set; }
        public string[] IovSupportReasons { get; set; }
        public bool PacketDirectEnabled { get; set; }
        public bool EmbeddedTeamingEnabled { get; set; }
        public ulong DefaultFlowMinimumBandwidthAbsolute { get; set; }
        public ulong DefaultFlowMinimumBandwidthWeight { get; set; }
        public uint? BandwidthPercentage { get; set; }
        public bool DefaultQueueVrssEnabledRequested { get; set; }
        public bool DefaultQueueVrssEnabled { get; set; }
        public bool DefaultQueueVmmqEnabledRequested { get; set; }
        public bool DefaultQueueVmmqEnabled { get; set; }
        public uint DefaultQueueVrssMaxQueuePairsRequested { get; set; }
        public uint DefaultQueueVrssMaxQueuePairs { get; set; }
        public uint DefaultQueueVrssMinQueuePairsRequested { get; set; }
        public uint DefaultQueueVrssMinQueuePairs { get; set; }
        public VrssQueueSchedulingModeType DefaultQueueVrssQueueSchedulingModeRequested { get; set; }
        public VrssQueueSchedulingModeType DefaultQueueVrssQueueSchedulingMode { get; set; }
        public bool DefaultQueueVrssExcludePrimaryProcessorRequested { get; set; }
        public bool DefaultQueueVrssExcludePrimaryProcessor { get; set; }
        public bool SoftwareRscEnabled { get; set; }
    }

    public class VMHost : VirtualizationObject
    {
        public string Name { get; set; }
        public string FullyQualifiedDomainName { get; set; }
        public int LogicalProcessorCount { get; set; }
        public long MemoryCapacity { get; set; }
        public string VirtualHardDiskPath { get; set; }
        public string VirtualMachinePath { get; set; }
        public string MacAddressMinimum { get; set; }
        public string MacAddressMaximum { get; set; }
        public bool NumaSpanningEnabled { get; set; }
        public bool EnableEnhancedSessionMode { get; set; }
        public bool VirtualMachineMigrationEnabled { get; set; }
        public uint MaximumVirtualMachineMigrations { get; set; }
        public uint MaximumStorageMigrations { get; set; }
        public bool UseAnyNetworkForMigration { get; set; }
        public MigrationAuthenticationType VirtualMachineMigrationAuthenticationType { get; set; }
        public VMMigrationPerformance VirtualMachineMigrationPerformanceOption { get; set; }
        public string FibreChannelWwnn { get; set; }
        public string FibreChannelWwpnMaximum { get; set; }
        public string FibreChannelWwpnMinimum { get; set; }
        public object[] SecureBootTemplates { get; set; }
        public bool IovSupport { get; set; }
        public string[] IovSupportReasons { get; set; }
        public IList<string> SupportedVmVersions { get; set; }
        public VMInternalNetworkAdapter[] InternalNetworkAdapters { get; set; }
        public object[] ExternalNetworkAdapters { get; set; }
        public TimeSpan ResourceMeteringSaveInterval { get; set; }
    }
}

namespace Microsoft.Vhd.PowerShell
{
    public class VirtualHardDisk
    {
        public string ComputerName { get; set; }
        public string Path { get; set; }
        public VhdFormat VhdFormat { get; set; }
        public VhdType VhdType { get; set; }
        public ulong FileSize { get; set; }
        public ulong Size { get; set; }
        public ulong? MinimumSize { get; set; }
        public uint LogicalSectorSize { get; set; }
        public uint PhysicalSectorSize { get; set; }
        public uint BlockSize { get; set; }
        public string ParentPath { get; set; }
        public string DiskIdentifier { get; set; }
        public uint? FragmentationPercentage { get; set; }
        public uint Alignment { get; set; }
        public bool Attached { get; set; }
        public uint? DiskNumber { get; set; }
        public uint? Number { get; set; }
        public bool IsPMEMCompatible { get; set; }
        public int AddressAbstractionType { get; set; }
    }
}
