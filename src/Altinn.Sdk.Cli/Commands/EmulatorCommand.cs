using System.CommandLine.Parsing;
using Altinn.Sdk.Testing;

namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn emulator</c>: serves the Altinn APIs on loopback until stopped.</summary>
internal static class EmulatorCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var port = new Option<int>("--port", "-p")
        {
            Description = "The port on 127.0.0.1 (0 picks a free one).",
            DefaultValueFactory = _ => 5199,
        };
        port.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value is < 0 or > 65535)
            {
                result.AddError("--port must be 0 to 65535.");
            }
        });

        var data = new Option<DirectoryInfo?>("--data")
        {
            Description = "A folder to load state from and save it to, so it survives a restart (default: in memory).",
        };

        var seed = new Option<string?>("--seed")
        {
            Description = "Seed the store: 'demo' creates the documented demo app ttd/demo-app with instances in every state.",
        };
        seed.AcceptOnlyFromAmong("demo");

        var faults = new Option<EmulatorFaultOptions?>("--faults")
        {
            Description = "Inject faults, for example rate=0.2,seed=7,kinds=429|503|drop|latency|500.",
            CustomParser = ParseFaults,
        };

        var command = new Command("emulator", "Run the Altinn APIs (Storage, App, Authentication, Events, Maskinporten) on loopback until Ctrl+C.")
        {
            port,
            data,
            seed,
            faults,
        };

        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new AltinnEmulatorOptions
            {
                Port = result.GetValue(port),
                DataDirectory = result.GetValue(data)?.FullName,
                SeedDemo = result.GetValue(seed) == "demo",
                Faults = result.GetValue(faults),
            };

            AltinnEmulator emulator;
            try
            {
                emulator = await AltinnEmulator.StartAsync(options, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync("altinn: the emulator could not start: " + Hosting.CliOutput.Printable(e.Message));
                return 1;
            }

            await using (emulator)
            {
                await output.WriteLineAsync("Altinn emulator listening on " + emulator.BaseUrl.AbsoluteUri.TrimEnd('/'));
                await output.FlushAsync(CancellationToken.None);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C or SIGTERM: stop cleanly.
                }
            }

            return 0;
        });
        return command;
    }

    /// <summary>Parses <c>rate=0.2,seed=7,kinds=429|503|drop|latency|500</c>.</summary>
    private static EmulatorFaultOptions? ParseFaults(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return null;
        var faults = new EmulatorFaultOptions();
        bool hasRate = false;
        foreach (string part in result.Tokens[0].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            string value = pair.Length == 2 ? pair[1] : string.Empty;
            switch (pair[0].ToLowerInvariant())
            {
                case "rate" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) && rate is >= 0 and <= 1:
                    faults.Rate = rate;
                    hasRate = true;
                    break;
                case "rate":
                    result.AddError($"--faults: rate must be a number from 0 to 1, not '{value}'.");
                    return null;
                case "seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed):
                    faults.Seed = seed;
                    break;
                case "seed":
                    result.AddError($"--faults: seed must be a whole number, not '{value}'.");
                    return null;
                case "kinds":
                    var kinds = EmulatorFaultKinds.None;
                    foreach (string kind in value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        EmulatorFaultKinds? parsed = kind.ToLowerInvariant() switch
                        {
                            "429" => EmulatorFaultKinds.TooManyRequests,
                            "500" => EmulatorFaultKinds.InternalServerError,
                            "503" => EmulatorFaultKinds.ServiceUnavailable,
                            "drop" => EmulatorFaultKinds.DropConnection,
                            "latency" => EmulatorFaultKinds.Latency,
                            "all" => EmulatorFaultKinds.All,
                            _ => null,
                        };
                        if (parsed is null)
                        {
                            result.AddError($"--faults: unknown kind '{kind}'; use 429, 500, 503, drop, latency or all, separated by |.");
                            return null;
                        }

                        kinds |= parsed.Value;
                    }

                    if (kinds == EmulatorFaultKinds.None)
                    {
                        result.AddError("--faults: kinds must name at least one kind.");
                        return null;
                    }

                    faults.Kinds = kinds;
                    break;
                default:
                    result.AddError($"--faults: unknown setting '{pair[0]}'; use rate=, seed= and kinds=.");
                    return null;
            }
        }

        if (!hasRate)
        {
            result.AddError("--faults needs rate=, a number from 0 to 1 (for example rate=0.2).");
            return null;
        }

        return faults;
    }
}
