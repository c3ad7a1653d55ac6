// Generation 2 (UEFI) firmware objects of the Hyper-V module: Get-VMFirmware's VMFirmware and the
// boot entries of its BootOrder. C# 5 syntax only: Windows PowerShell 5.1 compiles this file too.
using System;

namespace Microsoft.HyperV.PowerShell
{
    public enum VMBootSourceType { Unknown = 0, Drive = 1, Network = 2, File = 3 }

    public enum IPProtocolPreference { IPv4 = 0, IPv6 = 1 }

    /// <summary>One entry of the firmware boot order; Device is the drive or network adapter it boots.</summary>
    public class VMBootSource : VMComponentObject
    {
        public VMBootSourceType BootType { get; set; }
        public string Description { get; set; }
        public string FirmwarePath { get; set; }
        public VMComponentObject Device { get; set; }
    }

    public class VMFirmware : VMComponentObject
    {
        public VMBootSource[] BootOrder { get; set; }
        public IPProtocolPreference PreferredNetworkBootProtocol { get; set; }
        public OnOffState SecureBoot { get; set; }
        public string SecureBootTemplate { get; set; }
        public Guid? SecureBootTemplateId { get; set; }
        public ConsoleModeType ConsoleMode { get; set; }
        public OnOffState PauseAfterBootFailure { get; set; }
    }
}
