using System.Net;
using System.Net.Sockets;
using System.Text;
using Altinn.Sdk.Cli;

namespace Altinn.Sdk.Testing.Tests.Platform;

public class EmulatorCommandTests
{
    [Fact]
    public async Task The_emulator_command_prints_one_line_serves_and_stops_on_cancel()
    {
        int port = FreePort();
        string folder = Directory.CreateTempSubdirectory("emulator-cli-").FullName;
        var output = new StringBuilder();
        using var outWriter = TextWriter.Synchronized(new StringWriter(output));
        using var errWriter = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var run = AltinnCli.RunAsync(["emulator", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", folder, "--seed", "demo", "--faults", "rate=0,seed=7,kinds=429|503"], outWriter, errWriter, stop.Token);
            string expected = $"Altinn emulator listening on http://127.0.0.1:{port}";
            for (int i = 0; i < 300 && !ReadOutput(output).Contains(expected, StringComparison.Ordinal) && !run.IsCompleted; i++) await Task.Delay(100);

            ReadOutput(output).Should().Be(expected + Environment.NewLine, errWriter.ToString());
            using var http = new HttpClient();
            string token = await http.GetStringAsync($"http://127.0.0.1:{port}/Home/GetTestUserToken/1337");
            Jwt.Payload(token).GetProperty("urn:altinn:userid").GetString().Should().Be("1337", "the demo seed added user 1337");
            File.Exists(Path.Combine(folder, "apps", "ttd", "demo-app", "applicationmetadata.json")).Should().BeTrue();

            await stop.CancelAsync();
            (await run.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
            LeakWatch.Scan("altinn emulator (stdout)", ReadOutput(output));
            LeakWatch.Scan("altinn emulator (stderr)", errWriter.ToString());
            await FluentActions.Awaiting(() => http.GetAsync($"http://127.0.0.1:{port}/Home/GetTestUserToken/1337")).Should().ThrowAsync<HttpRequestException>();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("emulator --port 70000", "--port must be 0 to 65535")]
    [InlineData("emulator --port abc", "abc")]
    [InlineData("emulator --seed nonsense", "nonsense")]
    [InlineData("emulator --faults rate=2", "rate must be a number from 0 to 1")]
    [InlineData("emulator --faults rate=0.1,kinds=404", "unknown kind '404'")]
    [InlineData("emulator --faults seed=1", "needs rate=")]
    [InlineData("emulator --bogus", "--bogus")]
    [InlineData("nosuchcommand", "nosuchcommand")]
    public async Task Bad_flags_give_a_clear_error_and_exit_code_2(string args, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int code = await AltinnCli.RunAsync(args.Split(' '), output, error, default);
        LeakWatch.Scan("altinn bad flags (stderr)", error.ToString());
        LeakWatch.Scan("altinn bad flags (stdout)", output.ToString());

        code.Should().Be(2);
        error.ToString().Should().Contain(message).And.Contain("--help");
        output.ToString().Should().BeEmpty();
    }

    private static string ReadOutput(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
