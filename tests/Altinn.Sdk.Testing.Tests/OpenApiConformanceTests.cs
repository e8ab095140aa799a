using System.Text.RegularExpressions;
using Altinn.Sdk.Testing.Tests.Events;

namespace Altinn.Sdk.Testing.Tests;

/// <summary>
/// openapi/*.yaml are the single source for what the SDK calls and what the emulator serves: every route the emulator
/// maps is an operation of a document (or one of the emulator-only endpoints listed in openapi/README.md), and every
/// operation of a document is a route of the emulator.
/// </summary>
public partial class OpenApiConformanceTests(SharedEmulator shared) : IClassFixture<SharedEmulator>
{
    /// <summary>Where each document's relative paths live on the emulator.</summary>
    private static readonly Dictionary<string, string> s_bases = new(StringComparer.Ordinal)
    {
        ["storage.yaml"] = "/storage/api/v1",
        ["events.yaml"] = "/events/api/v1",
        ["app.yaml"] = "/{}/{}",
        ["authentication.yaml"] = "/authentication/api/v1",
    };

    [Fact]
    public void Every_emulator_route_is_documented_and_every_documented_operation_is_served()
    {
        var served = shared.Emulator.Routes.Select(r => Key(r.Method, r.Pattern)).ToHashSet(StringComparer.Ordinal);
        var documented = Documented().ToHashSet(StringComparer.Ordinal);
        var emulatorOnly = EmulatorOnly().ToHashSet(StringComparer.Ordinal);

        List(served.Except(documented).Except(emulatorOnly))
            .Should().BeEmpty("each route the emulator serves needs an operation in openapi/*.yaml or a line in openapi/README.md's emulator-only list");
        List(documented.Except(served))
            .Should().BeEmpty("each operation in openapi/*.yaml must be served by the emulator");
        List(emulatorOnly.Except(served))
            .Should().BeEmpty("the emulator-only list names only routes the emulator has");
        List(emulatorOnly.Intersect(documented))
            .Should().BeEmpty("a documented operation is not emulator-only");
    }

    [Fact]
    public void The_document_reader_finds_the_operations()
    {
        // Guards the line-based reading below: a document that is laid out differently must not pass as empty.
        Documented().Should().Contain(["GET /storage/api/v1/instances", "POST /events/api/v1/subscriptions", "DELETE /events/api/v1/subscriptions/{}", "GET /{}/{}/api/v1/applicationmetadata"]);
        EmulatorOnly().Should().Contain("GET /Home/GetTestOrgToken/{}");
    }

    /// <summary>The keys one per line, sorted, so that a failure lists them all.</summary>
    private static string List(IEnumerable<string> keys) => string.Join("\n", keys.Order(StringComparer.Ordinal));

    /// <summary>(method, path) of every operation in openapi/*.yaml, on the emulator's paths.</summary>
    private static IEnumerable<string> Documented()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "openapi");
        foreach (string file in Directory.EnumerateFiles(folder, "*.yaml"))
        {
            string name = Path.GetFileName(file);
            s_bases.Should().ContainKey(name, "each document needs its base path on the emulator in this test");
            string? path = null;
            bool inPaths = false;
            foreach (string line in File.ReadLines(file))
            {
                if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
                {
                    inPaths = line.StartsWith("paths:", StringComparison.Ordinal);
                    path = null;
                    continue;
                }

                if (!inPaths) continue;
                if (PathLine().Match(line) is { Success: true } p) path = p.Groups[1].Value;
                else if (path is not null && MethodLine().Match(line) is { Success: true } m) yield return Key(m.Groups[1].Value, s_bases[name] + path);
            }
        }
    }

    /// <summary>(method, path) of the rows of the emulator-only table in openapi/README.md.</summary>
    private static IEnumerable<string> EmulatorOnly()
    {
        bool inSection = false;
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "openapi", "README.md")))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal)) inSection = line.StartsWith("## Emulator-only endpoints", StringComparison.Ordinal);
            else if (inSection && TableRow().Match(line) is { Success: true } row) yield return Key(row.Groups[1].Value, row.Groups[2].Value);
        }
    }

    /// <summary>"METHOD /path" with every parameter written <c>{}</c> (names and constraints differ between route and document).</summary>
    private static string Key(string method, string path) =>
        method.ToUpperInvariant() + " /" + Parameter().Replace(path.Trim('/'), "{}");

    [GeneratedRegex(@"^  (/[^\s:]*):\s*$")]
    private static partial Regex PathLine();

    [GeneratedRegex(@"^    (get|put|post|delete|patch|head|options):")]
    private static partial Regex MethodLine();

    [GeneratedRegex(@"^\|\s*`?(GET|PUT|POST|DELETE|PATCH)`?\s*\|\s*`([^`]+)`\s*\|")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
