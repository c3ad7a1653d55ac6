// Drive controller objects of the Hyper-V module (Get-VMIdeController, Get-VMScsiController).
// C# 5 syntax only: Windows PowerShell 5.1 compiles this file too.
namespace Microsoft.HyperV.PowerShell
{
    public abstract class VMDriveController : VMComponentObject
    {
        public int ControllerNumber { get; set; }
        public Drive[] Drives { get; set; }
    }

    public class VMIdeController : VMDriveController
    {
    }

    public class VMScsiController : VMDriveController
    {
        public bool IsTemplate { get; set; }
    }
}
