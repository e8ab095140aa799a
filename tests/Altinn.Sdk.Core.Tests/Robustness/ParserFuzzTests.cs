using System.Globalization;
using System.Text;
using System.Text.Json;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Robustness;

/// <summary>
/// Generated text through the SDK's parsers. Each parser throws only what its documentation names
/// (<see cref="FormatException"/> from <c>Parse</c>, the <see cref="ArgumentException"/> family from validation,
/// <see cref="ArgumentNullException"/> for null), <c>TryParse</c> never throws and agrees with <c>Parse</c>, and
/// what is accepted prints back to text that parses to the same value.
/// </summary>
[Collection(Models.UnknownEnumRegistry.Name)]
public class ParserFuzzTests
{
    public const int InputsPerParser = 12_000;

    private static readonly string[] s_appIds = ["ttd/apps-test", "skd/mva-melding", "nav/søknad-om-støtte", "digdir/app2", "ttd/a", "a1/b-", "ttd/demo-app"];

    [Fact]
    public async Task AppId_parses_only_valid_ids_and_round_trips()
    {
        await Fuzz.RunAsync("AppId", InputsPerParser, (random, i) => i % 500 == 0 ? null : TextMutator.Next(random, s_appIds), text =>
        {
            bool ok = AppId.TryParse(text, out AppId? id);
            Exception? error = Fuzz.Catch(() => AppId.Parse(text!));
            if (!ok)
            {
                id.Should().BeNull();
                error.Should().BeOfType(text is null ? typeof(ArgumentNullException) : typeof(FormatException));
                return;
            }

            error.Should().BeNull();
            id!.ToString().Should().Be(text, "an app id is only accepted in its one written form");
            text!.Where(c => !IsAppIdChar(c)).Should().BeEmpty("an accepted app id has only Altinn's characters");
            AppId.Parse(id.ToString()).Should().Be(id);
            new AppId(id.Org, id.App).Should().Be(id);
        });
    }

    [Fact]
    public async Task AppId_ValidateOrg_throws_only_ArgumentException()
    {
        await Fuzz.RunAsync("AppId.ValidateOrg", InputsPerParser / 3, (random, _) => TextMutator.Next(random, ["ttd", "digdir", "skd", "a1", "øst"]), text =>
        {
            Exception? error = Fuzz.Catch(() => AppId.ValidateOrg(text));
            if (error is null) AppId.Parse(text + "/app").Org.Should().Be(text);
            else error.Should().BeAssignableTo<ArgumentException>();
        });
    }

    [Fact]
    public async Task InstanceId_parses_only_valid_ids_and_round_trips_as_text_and_JSON()
    {
        await Fuzz.RunAsync("InstanceId", InputsPerParser, (random, i) => i % 500 == 0 ? null : TextMutator.Next(random, [RandomInstanceId(random), "50019855/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f", "2147483647/F21E5A3C-0E1C-4C6C-9D5B-3A2D1B0C9E8F", "1/00000000-0000-0000-0000-000000000001"]), text =>
        {
            bool ok = InstanceId.TryParse(text, out InstanceId? id);
            Exception? error = Fuzz.Catch(() => InstanceId.Parse(text!));
            if (!ok)
            {
                id.Should().BeNull();
                error.Should().BeOfType(text is null ? typeof(ArgumentNullException) : typeof(FormatException));
            }
            else
            {
                error.Should().BeNull();
                id!.ToString().Should().Be(text!.ToLowerInvariant(), "an instance id is only accepted in its written form (any case of hex digits)");
                id.PartyId.Should().BePositive();
                id.InstanceGuid.Should().NotBe(Guid.Empty);
                InstanceId.Parse(id.ToString()).Should().Be(id);
            }

            if (text is null) return;

            // JSON reads the same ids: from raw UTF-8 (the converter's fast path) and escaped (the text path).
            byte[] raw = Encoding.UTF8.GetBytes("\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
            foreach (byte[] json in new[] { raw, JsonSerializer.SerializeToUtf8Bytes(text, AltinnJsonContext.Default.String) })
            {
                InstanceId? read = null;
                Exception? jsonError = Fuzz.Catch(() => read = JsonSerializer.Deserialize(json, AltinnJsonContext.Default.InstanceId));
                if (ok)
                {
                    jsonError.Should().BeNull();
                    read.Should().Be(id);
                }
                else
                {
                    jsonError.Should().BeOfType<JsonException>();
                }
            }

            bool fast = InstanceIdJsonConverter.TryReadUtf8(Encoding.UTF8.GetBytes(text), out InstanceId? fastId);
            if (fast) fastId.Should().Be(id, "the UTF-8 fast path accepts nothing the parser refuses");
        });
    }

    [Fact]
    public async Task DateFilter_parses_only_valid_filters_and_round_trips()
    {
        string[] examples =
        [
            "lte:2020-09-30", "gte:2020-09-01T00:00:00Z,lt:2020-10-01T00:00:00Z", "eq:2024-05-01T10:15:30.1234567Z", "gt:2024-02-29",
            "lt:2024-05-01T10:15:30+02:00", "gte:0001-01-01", "lte:9999-12-31T23:59:59.9999999Z", "gt:2024-05-01T10:15:30, lte:2024-06-01",
        ];
        await Fuzz.RunAsync("DateFilter", InputsPerParser, (random, i) => i % 500 == 0 ? null : TextMutator.Next(random, examples), text =>
        {
            bool ok = DateFilter.TryParse(text, out DateFilter? filter);
            Exception? error = Fuzz.Catch(() => DateFilter.Parse(text!));
            if (!ok)
            {
                filter.Should().BeNull();
                error.Should().BeOfType(text is null ? typeof(ArgumentNullException) : typeof(FormatException));
                return;
            }

            error.Should().BeNull();
            filter!.Conditions.Should().NotBeEmpty();
            filter.Conditions.Select(c => c.Operator).Should().OnlyHaveUniqueItems();
            filter.Conditions.Should().AllSatisfy(c => c.Value.Offset.Should().Be(TimeSpan.Zero));
            DateFilter.Parse(filter.ToString()).Should().Be(filter, "'{0}' prints as '{1}'", text, filter.ToString());
            filter.ToQueryValues().Should().AllSatisfy(v => DateFilter.Parse(v).Conditions.Should().ContainSingle());
        });
    }

    [Fact]
    public async Task OrganisationNumber_accepts_exactly_the_mod_11_numbers()
    {
        await Fuzz.RunAsync("OrganisationNumber", InputsPerParser, (random, i) => i % 500 == 0 ? null : TextMutator.Next(random, [Fuzz.OrganisationNumber(random), "0192:" + Fuzz.OrganisationNumber(random), "312345676", "974760673"]), text =>
        {
            bool valid = OrganisationNumber.IsValid(text);
            valid.Should().Be(Fuzz.IsMod11(text), "IsValid is the mod-11 rule on 9 ASCII digits");

            string? result = null;
            Exception? error = Fuzz.Catch(() => result = OrganisationNumber.Validate(text!, "organisationNumber"));
            string? digits = text is not null && text.StartsWith("0192:", StringComparison.Ordinal) ? text[5..] : text;
            if (text is null)
            {
                error.Should().BeOfType<ArgumentNullException>();
            }
            else if (Fuzz.IsMod11(digits))
            {
                error.Should().BeNull();
                result.Should().Be(digits);
            }
            else
            {
                error.Should().BeOfType<ArgumentException>().Which.ParamName.Should().Be("organisationNumber");
            }
        });
    }

    [Fact]
    public async Task AltinnEnvironment_parses_names_and_safe_urls_only()
    {
        string[] examples =
        [
            "prod", "production", "tt02", "AT22", " at23 ", "yt01", "at24", "http://127.0.0.1:5101", "http://localhost:8080/",
            "https://platform.example.com/", "http://[::1]:5000/base/", "https://x.test/path?q=1", "https://x.test/#top", "http://10.0.0.1/",
            "ftp://x/", "/relative", "https://user:pw@x.test/",
        ];
        await Fuzz.RunAsync("AltinnEnvironment", InputsPerParser / 3, (random, i) => i % 500 == 0 ? null : TextMutator.Next(random, examples), text =>
        {
            bool ok = AltinnEnvironment.TryParse(text, out AltinnEnvironment? environment);
            Exception? error = Fuzz.Catch(() => AltinnEnvironment.Parse(text!));
            if (!ok)
            {
                environment.Should().BeNull();
                error.Should().BeOfType(text is null ? typeof(ArgumentNullException) : typeof(FormatException));
                return;
            }

            error.Should().BeNull();
            Uri platform = environment!.PlatformBaseUrl;
            (platform.Scheme == Uri.UriSchemeHttps || (platform.Scheme == Uri.UriSchemeHttp && platform.IsLoopback)).Should().BeTrue(
                "tokens must only go over HTTPS or to loopback, not to {0}", platform);
            platform.Query.Should().BeEmpty();
            environment.StorageBaseUrl.AbsoluteUri.Should().StartWith(platform.AbsoluteUri);
            AltinnEnvironment again = AltinnEnvironment.Parse(environment.Name == "local" ? platform.AbsoluteUri : environment.Name);
            again.Should().Be(environment);
        });
    }

    private static string RandomInstanceId(Random random)
    {
        byte[] guid = new byte[16];
        random.NextBytes(guid);
        string guidText = new Guid(guid).ToString("D");
        return random.Next(1, int.MaxValue).ToString(CultureInfo.InvariantCulture) + "/" + (random.Next(4) == 0 ? guidText.ToUpperInvariant() : guidText);
    }

    private static bool IsAppIdChar(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '/' or 'æ' or 'ø' or 'å';
}
