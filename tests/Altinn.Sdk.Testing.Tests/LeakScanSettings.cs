// The emulator's own tests talk raw HTTP to it and build no SDK client: the leak scan watches their exceptions only.
[assembly: System.Reflection.AssemblyMetadata(Altinn.Sdk.Leaks.LeakScan.NoSdkLogs, "raw HTTP to the emulator")]
