// Import objects of the Hyper-V module: Compare-VM's compatibility report over a planned VM and
// its incompatibilities. C# 5 syntax only: Windows PowerShell 5.1 compiles this file too.
namespace Microsoft.HyperV.PowerShell
{
    public class VMCompatibilityError
    {
        public string Message { get; set; }
        public long MessageId { get; set; }
        public object Source { get; set; }
    }

    public class VMCompatibilityReport
    {
        public VirtualMachine VM { get; set; }
        public OperationType OperationType { get; set; }
        public string Destination { get; set; }
        public string Path { get; set; }
        public string SnapshotPath { get; set; }
        public string VhdDestinationPath { get; set; }
        public string VhdSourcePath { get; set; }
        public VMCompatibilityError[] Incompatibilities { get; set; }
    }
}
