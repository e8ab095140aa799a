// The convention tests read the public surface by reflection and send nothing: the leak scan watches their exceptions only.
[assembly: System.Reflection.AssemblyMetadata(Altinn.Sdk.Leaks.LeakScan.NoSdkLogs, "reflection only")]
