using System.Runtime.InteropServices;
using Altinn.Sdk.Cli;

// The altinn command-line tool. Ctrl+C and SIGTERM stop a running command cleanly.
using var stopping = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await AltinnCli.RunAsync(args, Console.Out, Console.Error, stopping.Token);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}
