namespace Altinn.Sdk.Cli.Hosting;

/// <summary>Bad arguments or settings found before anything was sent: exit code 2 with the message.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
