using System.Globalization;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Tests.Robustness;

namespace Altinn.Sdk.Storage.Tests.Query;

/// <summary>The instance query under generated inputs (the seeded fuzz runner and mutator are shared with Core's tests).</summary>
public class InstanceQueryFuzzTests
{
    private const int Inputs = 4_000;

    private static readonly string[] s_appIds = ["ttd/apps-test", "skd/mva-melding", "nav/søknad-om-støtte", "digdir/app2", "ttd/a", "a1/b-", "ttd/demo-app"];

    [Fact]
    public async Task InstanceQuery_is_valid_or_refused_with_ArgumentException_and_encodes_every_value()
    {
        await Fuzz.RunAsync("InstanceQuery", Inputs, RandomQuery, generated =>
        {
            (InstanceQuery? query, Exception? creation, string? token, int? sizeHint) = generated;
            if (query is null)
            {
                creation.Should().BeAssignableTo<ArgumentException>();
                return;
            }

            _ = query.ToString();
            InstanceQueryRequest? request = null;
            Exception? error = Fuzz.Catch(() => request = query.ToRequest(token, sizeHint));
            if (error is not null)
            {
                error.Should().BeAssignableTo<ArgumentException>();
                ((ArgumentException)error).ParamName.Should().NotBeNullOrEmpty("the error names the property at fault");
                return;
            }

            string queryString = request!.QueryString;
            queryString.Should().MatchRegex("^[A-Za-z0-9._~/:%=&-]*$", "every value is percent-encoded");
            var values = queryString.Split('&').Select(p => p.Split('=')).ToLookup(p => p[0], p => Uri.UnescapeDataString(p[1]));
            values.Select(g => g.Key).Should().BeSubsetOf(
            [
                "org", "appId", "instanceOwner.partyId", "created", "lastChanged", "dueBefore", "visibleAfter", "process.currentTask",
                "process.isComplete", "process.ended", "status.isArchived", "status.isSoftDeleted", "status.isHardDeleted", "confirmed",
                "excludeConfirmedBy", "A3Ref", "dataValues.A2ArchRef", "searchString", "mainVersionInclude", "mainVersionExclude", "order",
                "includeDataElements", "size", "continuationToken",
            ]);
            ExpectValue(values, "searchString", query.SearchString);
            ExpectValue(values, "process.currentTask", query.CurrentTask);
            ExpectValue(values, "dataValues.A2ArchRef", query.A2ArchiveReference);
            ExpectValue(values, "continuationToken", token);
        });
    }

    private static void ExpectValue(ILookup<string, string> values, string key, string? expected)
    {
        // Lone surrogates cannot be encoded as UTF-8; they are sent as U+FFFD, so only well-formed text is compared.
        if (expected is null || !IsWellFormed(expected)) return;
        values[key].Should().Equal([expected], "{0} is sent as given", key);
    }

    private static (InstanceQuery? Query, Exception? Creation, string? Token, int? SizeHint) RandomQuery(Random random, int index)
    {
        InstanceQuery? query = null;
        Exception? creation = Fuzz.Catch(() => query = random.Next(3) switch
        {
            0 => new InstanceQuery(AppId.Parse(s_appIds[random.Next(s_appIds.Length)])),
            1 => InstanceQuery.ForOrg(TextMutator.Next(random, ["ttd", "digdir", "skd"])),
            _ => InstanceQuery.ForInstanceOwner(RandomInt(random)),
        });
        if (query is null) return (null, creation, null, null);

        string? Text(params string[] examples) => random.Next(3) == 0 ? TextMutator.Next(random, examples) : null;
        bool? Flag() => random.Next(3) switch { 0 => true, 1 => false, _ => null };
        DateFilter? Filter() => random.Next(4) == 0 && DateFilter.TryParse(TextMutator.Next(random, ["lte:2020-09-30", "gte:2020-09-01T00:00:00Z,lt:2020-10-01T00:00:00Z"]), out var f) ? f : null;
        int? Number() => random.Next(4) == 0 ? RandomInt(random) : null;

        if (random.Next(6) == 0) query.InstanceOwnerPartyId = RandomInt(random);
        if (random.Next(8) == 0)
        {
            Fuzz.Catch(() => query.InstanceOwner = random.Next(2) == 0
                ? InstanceOwnerIdentifier.Organisation(TextMutator.Next(random, [Fuzz.OrganisationNumber(random)]))
                : InstanceOwnerIdentifier.Person(TextMutator.Next(random, ["01017012343", "08089403198"])));
        }

        query.CurrentTask = Text("Task_1", "Task_2");
        query.IsComplete = Flag();
        query.ProcessEnded = Filter();
        query.Created = Filter();
        query.LastChanged = Filter();
        query.DueBefore = Filter();
        query.VisibleAfter = Filter();
        query.IsArchived = Flag();
        query.IsSoftDeleted = Flag();
        query.IsHardDeleted = Flag();
        query.ExcludeConfirmedBy = Text("ttd", "digdir");
        query.Confirmed = Flag();
        query.Reference = Text("1a2b3c4d5e6f", "00000000000A");
        query.A2ArchiveReference = Text("AR1234567");
        query.SearchString = Text("Søknad om støtte", "50%+rabatt&mer");
        query.MainVersionInclude = random.Next(4) == 0 ? random.Next(-1, 5) : null;
        query.MainVersionExclude = random.Next(4) == 0 ? random.Next(-1, 5) : null;
        query.Order = random.Next(10) == 0 ? (InstanceQueryOrder)random.Next(-2, 4) : InstanceQueryOrder.LastChangedDescending;
        query.IncludeDataElements = Flag();
        query.PageSize = Number() is int size ? size % 2_000 : null;
        string? token = random.Next(3) == 0 ? TextMutator.Next(random, ["638512345678901234;4711", "abc"]) : null;
        int? hint = random.Next(5) == 0 ? random.Next(-5, 1_200) : null;
        return (query, null, token, hint);
    }

    private static int RandomInt(Random random) => random.Next(5) switch
    {
        0 => 0,
        1 => -random.Next(),
        2 => int.MaxValue,
        _ => random.Next(1, 99_999_999),
    };

    private static bool IsWellFormed(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return false;
        }

        return true;
    }
}
