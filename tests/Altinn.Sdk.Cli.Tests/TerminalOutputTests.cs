using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Altinn.Sdk.Cli.Hosting;
using Altinn.Sdk.Reliability.Tests;
using Altinn.Sdk.Testing;
using Microsoft.AspNetCore.Http;
using Spectre.Console;

namespace Altinn.Sdk.Cli.Tests;

/// <summary>
/// Text from a server reaches a person's terminal without control characters: an escape sequence in a problem
/// detail or a file name could retitle the terminal, spoof output or write the clipboard. With <c>--json</c> the
/// text is kept, escaped.
/// </summary>
public sealed class TerminalOutputTests
{
    // OSC 0 (set the window title, ended by BEL), OSC 52 (write the clipboard), CSI as ESC [ and as the one-character
    // C1 CSI (U+009B), a carriage return to overwrite the line, DEL, NEL (U+0085) and ST (U+009C).
    private const string Hostile = "ok\u001b]0;owned\u0007 \u001b]52;c;ZXZpbA==\u001b\\ \u009b31mred\u001b[0m \rover\u007f\u0085\u009c";

    private const string Instance = "50006000/0b000000-0000-4000-8000-000000000001";

    [Fact]
    public async Task A_problem_detail_is_printed_without_control_characters()
    {
        string problem = JsonSerializer.Serialize(new
        {
            title = "Bad " + Hostile,
            status = 400,
            detail = "Detail " + Hostile,
            errors = new Dictionary<string, string[]> { ["field" + Hostile] = ["error " + Hostile] },
            validationIssues = new[] { new { code = "code" + Hostile, description = "issue " + Hostile, severity = "Error" } },
        });
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync(problem);
        });

        CliRun text = await Cli.RunAsync("instances", "get", Instance, "--env", server.BaseUrl.ToString(), "--token", "test-token");
        CliRun json = await Cli.RunAsync("instances", "get", Instance, "--env", server.BaseUrl.ToString(), "--token", "test-token", "--json");

        text.ExitCode.Should().Be(ExitCodes.RequestFailed, text.ToString());
        ControlCharacters(text.Error).Should().BeEmpty("server text reaches the terminal without control characters:\n{0}", text.Error);
        text.Error.Should().Contain("Bad ok]0;owned ").And.Contain("Detail ok").And.Contain("error ok").And.Contain("issue ok").And.Contain("31mred[0m over");

        json.ExitCode.Should().Be(ExitCodes.RequestFailed, json.ToString());
        ControlCharacters(json.Error).Should().BeEmpty("JSON escapes control characters");
        JsonDocument.Parse(json.Error).RootElement.GetProperty("error").GetString().Should().Contain("Bad " + Hostile, "--json keeps the text, escaped");
    }

    [Fact]
    public async Task A_file_name_from_the_emulator_is_printed_without_control_characters()
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        string token = emulator.CreateOrgToken("ttd");
        string demo = "50006000/de000000-0000-4000-8000-000000000001";
        using (var http = new HttpClient())
        {
            using var upload = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.Environment.StorageBaseUrl, $"instances/{demo}/data?dataType=ref-data-as-pdf"));
            upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            upload.Content = new ByteArrayContent("%PDF-1.4"u8.ToArray());
            upload.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            // Storage URL-decodes the file name, so a client can give it any character.
            upload.Content.Headers.TryAddWithoutValidation("Content-Disposition", "attachment; filename=" + Uri.EscapeDataString("report" + Hostile + ".pdf"));
            using var response = await http.SendAsync(upload);
            response.EnsureSuccessStatusCode();
        }

        CliRun text = await Cli.RunAsync("instances", "get", demo, "--env", emulator.BaseUrl.AbsoluteUri, "--token", token);
        CliRun json = await Cli.RunAsync("instances", "get", demo, "--env", emulator.BaseUrl.AbsoluteUri, "--token", token, "--json");

        text.ExitCode.Should().Be(0, text.ToString());
        ControlCharacters(text.Output).Should().BeEmpty("a file name reaches the terminal without control characters:\n{0}", text.Output);
        text.Output.Should().Contain("reportok]0;owned");

        json.ExitCode.Should().Be(0, json.ToString());
        ControlCharacters(json.Output).Should().BeEmpty("JSON escapes control characters");
        json.JsonLines().Single().GetProperty("data").EnumerateArray().Select(d => d.TryGetProperty("filename", out var f) ? f.GetString() : null)
            .Should().Contain("report" + Hostile + ".pdf", "--json keeps the file name, escaped");
    }

    [Fact]
    public async Task Json_with_raw_C1_and_DEL_characters_is_written_escaped()
    {
        // JSON allows DEL and C1 characters unescaped in strings; a terminal may still act on them.
        const string FileName = "x\u009b31my\u007fz\u0085.pdf";
        byte[] instance = Encoding.UTF8.GetBytes($$"""{"id":"{{Instance}}","appId":"ttd/demo-app","instanceOwner":{"partyId":"50006000"},"data":[{"id":"da000000-0000-4000-8000-000000000001","dataType":"ref-data-as-pdf","filename":"{{FileName}}"}]}""");
        instance.Should().Contain(0x9B, "the server sends U+009B unescaped");
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(instance);
        });

        CliRun json = await Cli.RunAsync("instances", "get", Instance, "--env", server.BaseUrl.ToString(), "--token", "test-token", "--json");

        json.ExitCode.Should().Be(0, json.ToString());
        ControlCharacters(json.Output).Should().BeEmpty("raw control characters are written escaped:\n{0}", json.Output);
        json.JsonLines().Single().GetProperty("data")[0].GetProperty("filename").GetString().Should().Be(FileName);
    }

    [Fact]
    public void Text_a_command_renders_without_Cell_loses_its_control_characters_too()
    {
        using var written = new StringWriter();
        var output = new CliOutput(new CliHost(written, TextWriter.Null), json: false);

        output.Console.Write(new Text(Hostile + "\n"));
        output.Console.Write(new Markup(Markup.Escape(Hostile)));

        ControlCharacters(written.ToString()).Should().BeEmpty("everything rendered passes one filter:\n{0}", written);
        written.ToString().Should().Contain("ok]0;owned");
    }

    /// <summary>The control characters in <paramref name="text"/> other than tab and line breaks, as code points.</summary>
    private static List<string> ControlCharacters(string text) =>
        text.Replace(Environment.NewLine, "\n", StringComparison.Ordinal).Where(c => char.IsControl(c) && c is not '\t' and not '\n').Select(c => $"U+{(int)c:X4}").Distinct().ToList();
}
