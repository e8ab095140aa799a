// Schema reading and code generation: no SDK client, no logger; the leak scan watches the exceptions.
[assembly: System.Reflection.AssemblyMetadata(Altinn.Sdk.Leaks.LeakScan.NoSdkLogs, "schema reading and code generation, no SDK client")]
