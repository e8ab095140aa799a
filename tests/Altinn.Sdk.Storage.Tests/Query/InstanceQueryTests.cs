using Altinn.Sdk.Storage;

namespace Altinn.Sdk.Storage.Tests.Query;

public class InstanceQueryTests
{
    private static readonly AppId s_app = AppId.Parse("ttd/apps-test");

    [Fact]
    public void The_instance_owner_organisation_number_follows_the_same_rule_as_everywhere_else()
    {
        // The rule itself is tested in Core (OrganisationNumberTests); this checks Storage uses it.
        FluentActions.Invoking(() => InstanceOwnerIdentifier.Organisation("312345678")).Should().Throw<ArgumentException>().WithMessage("*check digit*");
    }

    [Fact]
    public void The_documented_draft_query_is_produced_byte_for_byte()
    {
        var drafts = new InstanceQuery(AppId.Parse("ttd/apps-test")) { Created = DateFilter.OnOrBefore(2020, 9, 30), CurrentTask = "Task_1" };

        InstanceQueryRequest request = drafts.ToRequest();

        request.QueryString.Should().Be("appId=ttd/apps-test&created=lte:2020-09-30&process.currentTask=Task_1");
        request.InstanceOwnerIdentifierHeader.Should().BeNull();
        drafts.ToQueryString().Should().Be(request.QueryString);
        drafts.ToString().Should().Be(request.QueryString);
    }

    [Fact]
    public void The_archiving_query_from_the_design_is_produced_exactly()
    {
        new InstanceQuery(s_app) { IsComplete = true, ExcludeConfirmedBy = "ttd" }.ToQueryString()
            .Should().Be("appId=ttd/apps-test&process.isComplete=true&excludeConfirmedBy=ttd");
    }

    [Fact]
    public void An_app_query_has_the_app_and_its_org_and_sends_only_appId()
    {
        var query = new InstanceQuery(s_app);
        query.AppId.Should().Be(s_app);
        query.Org.Should().Be("ttd");
        query.Order.Should().Be(InstanceQueryOrder.LastChangedDescending);
        query.ToQueryString().Should().Be("appId=ttd/apps-test");
    }

    [Fact]
    public void An_org_query_sends_org()
    {
        var query = InstanceQuery.ForOrg("ttd");
        query.AppId.Should().BeNull();
        query.Org.Should().Be("ttd");
        query.ToQueryString().Should().Be("org=ttd");
    }

    [Theory]
    [MemberData(nameof(EveryProperty))]
    public void Every_property_has_its_exact_query_text(string property, Action<InstanceQuery> set, string expected)
    {
        var query = new InstanceQuery(s_app);
        set(query);
        query.ToQueryString().Should().Be("appId=ttd/apps-test&" + expected, property);
    }

    public static TheoryData<string, Action<InstanceQuery>, string> EveryProperty() => new()
    {
        { "InstanceOwnerPartyId", q => q.InstanceOwnerPartyId = 50001234, "instanceOwner.partyId=50001234" },
        { "CurrentTask", q => q.CurrentTask = "Task_2", "process.currentTask=Task_2" },
        { "IsComplete true", q => q.IsComplete = true, "process.isComplete=true" },
        { "IsComplete false", q => q.IsComplete = false, "process.isComplete=false" },
        { "ProcessEnded", q => q.ProcessEnded = DateFilter.After(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero)), "process.ended=gt:2024-05-01T10:00:00Z" },
        { "Created", q => q.Created = DateFilter.OnOrAfter(2020, 9, 1), "created=gte:2020-09-01" },
        { "LastChanged", q => q.LastChanged = DateFilter.Before(2021, 1, 1), "lastChanged=lt:2021-01-01" },
        { "DueBefore", q => q.DueBefore = DateFilter.OnOrBefore(2024, 12, 31), "dueBefore=lte:2024-12-31" },
        { "VisibleAfter", q => q.VisibleAfter = DateFilter.On(2024, 6, 1), "visibleAfter=eq:2024-06-01" },
        { "IsArchived", q => q.IsArchived = true, "status.isArchived=true" },
        { "IsSoftDeleted", q => q.IsSoftDeleted = false, "status.isSoftDeleted=false" },
        { "IsHardDeleted", q => q.IsHardDeleted = true, "status.isHardDeleted=true" },
        { "ExcludeConfirmedBy", q => q.ExcludeConfirmedBy = "skd", "excludeConfirmedBy=skd" },
        { "Confirmed", q => q.Confirmed = false, "confirmed=false" },
        { "Reference", q => q.Reference = "1A2B3C4D5E6F", "A3Ref=1a2b3c4d5e6f" },
        { "A2ArchiveReference", q => q.A2ArchiveReference = "AR123456", "dataValues.A2ArchRef=AR123456" },
        { "SearchString", q => q.SearchString = "Søknad", "searchString=S%C3%B8knad" },
        { "MainVersionInclude", q => q.MainVersionInclude = 2, "mainVersionInclude=2" },
        { "MainVersionExclude", q => q.MainVersionExclude = 1, "mainVersionExclude=1" },
        { "Order ascending", q => q.Order = InstanceQueryOrder.LastChangedAscending, "order=asc:lastChanged" },
        { "IncludeDataElements", q => q.IncludeDataElements = false, "includeDataElements=false" },
        { "PageSize", q => q.PageSize = 250, "size=250" },
    };

    [Fact]
    public void The_default_order_is_not_sent()
    {
        new InstanceQuery(s_app) { Order = InstanceQueryOrder.LastChangedDescending }.ToQueryString().Should().Be("appId=ttd/apps-test");
    }

    [Fact]
    public void Everything_set_comes_out_in_the_documented_order()
    {
        var query = InstanceQuery.ForOrg("ttd");
        query.InstanceOwnerPartyId = 1;
        query.Created = DateFilter.OnOrAfter(2020, 1, 1);
        query.LastChanged = DateFilter.OnOrAfter(2020, 1, 2);
        query.DueBefore = DateFilter.OnOrAfter(2020, 1, 3);
        query.VisibleAfter = DateFilter.OnOrAfter(2020, 1, 4);
        query.CurrentTask = "Task_1";
        query.IsComplete = false;
        query.IsArchived = false;
        query.IsSoftDeleted = false;
        query.IsHardDeleted = false;
        query.Confirmed = false;
        query.ExcludeConfirmedBy = "skd";
        query.Reference = "abcdefabcdef";
        query.SearchString = "x";
        query.MainVersionInclude = 3;
        query.MainVersionExclude = 2;
        query.Order = InstanceQueryOrder.LastChangedAscending;
        query.IncludeDataElements = true;
        query.PageSize = 10;

        query.ToRequest("123;456").QueryString.Should().Be(
            "org=ttd&instanceOwner.partyId=1&created=gte:2020-01-01&lastChanged=gte:2020-01-02&dueBefore=gte:2020-01-03"
            + "&visibleAfter=gte:2020-01-04&process.currentTask=Task_1&process.isComplete=false&status.isArchived=false"
            + "&status.isSoftDeleted=false&status.isHardDeleted=false&confirmed=false&excludeConfirmedBy=skd&A3Ref=abcdefabcdef"
            + "&searchString=x&mainVersionInclude=3&mainVersionExclude=2&order=asc:lastChanged&includeDataElements=true"
            + "&size=10&continuationToken=123%3B456");

        var completed = new InstanceQuery(s_app) { IsComplete = true, ProcessEnded = DateFilter.OnOrAfter(2020, 1, 5), A2ArchiveReference = "AR1" };
        completed.ToQueryString().Should().Be("appId=ttd/apps-test&process.isComplete=true&process.ended=gte:2020-01-05&dataValues.A2ArchRef=AR1");
    }

    [Fact]
    public void A_multi_condition_date_filter_repeats_its_key()
    {
        var query = new InstanceQuery(s_app)
        {
            Created = DateFilter.Between(new DateTimeOffset(2020, 9, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 10, 1, 0, 0, 0, TimeSpan.Zero)),
            LastChanged = DateFilter.After(2020, 9, 1).And(DateFilter.OnOrBefore(2020, 9, 30)),
        };

        query.ToQueryString().Should().Be(
            "appId=ttd/apps-test&created=gte:2020-09-01T00:00:00Z&created=lt:2020-10-01T00:00:00Z"
            + "&lastChanged=gt:2020-09-01&lastChanged=lte:2020-09-30");
    }

    [Fact]
    public void Odd_values_are_url_encoded_once_and_slash_and_colon_stay_readable()
    {
        var query = new InstanceQuery(s_app)
        {
            SearchString = "a+b & c=d #1 100% ø/x:y",
            CurrentTask = "Task 1?",
        };

        query.ToQueryString().Should().Be(
            "appId=ttd/apps-test&process.currentTask=Task%201%3F&searchString=a%2Bb%20%26%20c%3Dd%20%231%20100%25%20%C3%B8/x:y");

        new InstanceQuery(AppId.Parse("æøå/søknad-2")).ToQueryString().Should().Be("appId=%C3%A6%C3%B8%C3%A5/s%C3%B8knad-2");
        new InstanceQuery(s_app).ToRequest("a b/c+d%").QueryString.Should().Be("appId=ttd/apps-test&continuationToken=a%20b/c%2Bd%25");

        // What the server decodes is exactly what was set.
        string encoded = query.ToQueryString().Split('&').Single(p => p.StartsWith("searchString=", StringComparison.Ordinal));
        Uri.UnescapeDataString(encoded["searchString=".Length..]).Should().Be("a+b & c=d #1 100% ø/x:y");
    }

    [Fact]
    public void The_page_size_hint_overrides_PageSize_and_the_token_comes_last()
    {
        var query = new InstanceQuery(s_app) { PageSize = 50 };
        query.ToRequest().QueryString.Should().Be("appId=ttd/apps-test&size=50");
        query.ToRequest("638000000000000000;42", pageSizeHint: 1000).QueryString
            .Should().Be("appId=ttd/apps-test&size=1000&continuationToken=638000000000000000%3B42");
        new InstanceQuery(s_app).ToRequest(pageSizeHint: 1).QueryString.Should().Be("appId=ttd/apps-test&size=1");
    }

    [Fact]
    public void An_owner_identifier_goes_in_the_header_not_the_url()
    {
        string nin = ValidNationalIdentityNumber("010190123");
        var query = new InstanceQuery(s_app) { InstanceOwner = InstanceOwnerIdentifier.Person(nin) };

        InstanceQueryRequest request = query.ToRequest();

        request.QueryString.Should().Be("appId=ttd/apps-test");
        request.InstanceOwnerIdentifierHeader.Should().Be("person:" + nin);
        request.ToString().Should().NotContain(nin);
        query.ToString().Should().NotContain(nin);
        InstanceOwnerIdentifier.HeaderName.Should().Be("X-Ai-InstanceOwnerIdentifier");
    }

    [Fact]
    public void Owner_only_queries_for_end_user_tokens()
    {
        InstanceQuery.ForInstanceOwner(50001234).ToQueryString().Should().Be("instanceOwner.partyId=50001234");
        InstanceQuery.ForInstanceOwner(50001234).Org.Should().BeNull();

        string orgNo = ValidOrganisationNumber("31234567");
        InstanceQueryRequest request = InstanceQuery.ForInstanceOwner(InstanceOwnerIdentifier.Organisation(orgNo)).ToRequest();
        request.QueryString.Should().BeEmpty();
        request.InstanceOwnerIdentifierHeader.Should().Be("organisation:" + orgNo);

        FluentActions.Invoking(() => InstanceQuery.ForInstanceOwner(0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => InstanceQuery.ForInstanceOwner(null!)).Should().Throw<ArgumentNullException>();
    }

    [Theory]
    [MemberData(nameof(InvalidQueries))]
    public void Every_invalid_or_contradictory_query_is_an_argument_error_that_names_the_problem(
        string parameter, Func<InstanceQuery> build, string message)
    {
        InstanceQuery query = build();
        query.Invoking(q => q.ToRequest()).Should().Throw<ArgumentException>().WithParameterName(parameter).WithMessage(message);
        query.ToString().Should().StartWith("(invalid instance query: ");
    }

    public static TheoryData<string, Func<InstanceQuery>, string> InvalidQueries() => new()
    {
        { "InstanceOwnerPartyId", () => new InstanceQuery(s_app) { InstanceOwnerPartyId = 0 }, "*InstanceOwnerPartyId must be a positive party id*" },
        {
            "InstanceOwner",
            () => new InstanceQuery(s_app) { InstanceOwnerPartyId = 1, InstanceOwner = InstanceOwnerIdentifier.Organisation(ValidOrganisationNumber("31234567")) },
            "*either InstanceOwnerPartyId or InstanceOwner*not both*400*"
        },
        { "CurrentTask", () => new InstanceQuery(s_app) { CurrentTask = " " }, "*CurrentTask is empty*" },
        { "CurrentTask", () => new InstanceQuery(s_app) { IsComplete = true, CurrentTask = "Task_1" }, "*IsComplete = true and CurrentTask = 'Task_1' contradict*no current task*" },
        { "ProcessEnded", () => new InstanceQuery(s_app) { IsComplete = false, ProcessEnded = DateFilter.After(2020, 1, 1) }, "*IsComplete = false and ProcessEnded*contradict*" },
        { "ExcludeConfirmedBy", () => new InstanceQuery(s_app) { ExcludeConfirmedBy = "TTD" }, "*ExcludeConfirmedBy must be an org code*'TTD'*" },
        { "ExcludeConfirmedBy", () => new InstanceQuery(s_app) { ExcludeConfirmedBy = "" }, "*ExcludeConfirmedBy must be an org code*" },
        { "Confirmed", () => new InstanceQuery(s_app) { ExcludeConfirmedBy = "ttd", Confirmed = true }, "*Confirmed = true and ExcludeConfirmedBy = 'ttd' (the queried org)*confirmed=false*" },
        { "Confirmed", () => ConfirmedAndExcludedByOwnOrg("skd"), "*ExcludeConfirmedBy = 'skd'*" },
        { "Reference", () => new InstanceQuery(s_app) { Reference = "1a2b3c4d5e6" }, "*'1a2b3c4d5e6'*exactly 12 hexadecimal characters*" },
        { "Reference", () => new InstanceQuery(s_app) { Reference = "1a2b3c4d5e6g" }, "*exactly 12 hexadecimal*" },
        { "A2ArchiveReference", () => new InstanceQuery(s_app) { A2ArchiveReference = "" }, "*A2ArchiveReference is empty*" },
        { "A2ArchiveReference", () => new InstanceQuery(s_app) { Reference = "abcdefabcdef", A2ArchiveReference = "AR1" }, "*cannot be combined*" },
        { "SearchString", () => new InstanceQuery(s_app) { SearchString = "" }, "*SearchString is empty*" },
        { "MainVersionInclude", () => new InstanceQuery(s_app) { MainVersionInclude = 4 }, "*MainVersionInclude must be 1, 2 or 3*not 4*" },
        { "MainVersionExclude", () => new InstanceQuery(s_app) { MainVersionExclude = 0 }, "*MainVersionExclude must be 1, 2 or 3*" },
        { "MainVersionExclude", () => new InstanceQuery(s_app) { MainVersionInclude = 3, MainVersionExclude = 3 }, "*both 3*" },
        { "Order", () => new InstanceQuery(s_app) { Order = (InstanceQueryOrder)7 }, "*Order 7 is not*" },
        { "PageSize", () => new InstanceQuery(s_app) { PageSize = 0 }, "*PageSize must be between 1 and 1000, not 0*" },
        { "PageSize", () => new InstanceQuery(s_app) { PageSize = 1001 }, "*PageSize must be between 1 and 1000, not 1001*slow*" },
        { "InstanceOwnerPartyId", () => NoOwnerLeft(), "*names no app, org or instance owner*" },
    };

    [Fact]
    public void Paging_arguments_are_checked_too()
    {
        var query = new InstanceQuery(s_app);
        query.Invoking(q => q.ToRequest(pageSizeHint: 0)).Should().Throw<ArgumentException>().WithParameterName("pageSizeHint");
        query.Invoking(q => q.ToRequest(pageSizeHint: 5000)).Should().Throw<ArgumentException>().WithParameterName("pageSizeHint");
        query.Invoking(q => q.ToRequest(continuationToken: string.Empty)).Should().Throw<ArgumentException>().WithParameterName("continuationToken");
    }

    [Fact]
    public void Confirmed_with_another_orgs_exclusion_is_fine()
    {
        new InstanceQuery(s_app) { Confirmed = true, ExcludeConfirmedBy = "skd" }.ToQueryString()
            .Should().Be("appId=ttd/apps-test&confirmed=true&excludeConfirmedBy=skd");
    }

    [Fact]
    public void Constructors_check_their_arguments()
    {
        FluentActions.Invoking(() => new InstanceQuery(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => InstanceQuery.ForOrg("Not-An-Org")).Should().Throw<ArgumentException>().WithParameterName("org").WithMessage("*'Not-An-Org'*");
        FluentActions.Invoking(() => InstanceQuery.ForOrg(null!)).Should().Throw<ArgumentNullException>();
    }

    // ---- InstanceOwnerIdentifier ----

    [Theory]
    [InlineData("010190123")]
    [InlineData("311299876")]
    [InlineData("410190123")]   // d-number: day + 40
    [InlineData("018190123")]   // synthetic (Tenor): month + 80
    public void Valid_national_identity_numbers_are_accepted(string firstNine)
    {
        string nin = ValidNationalIdentityNumber(firstNine);
        InstanceOwnerIdentifier id = InstanceOwnerIdentifier.Person(nin);

        id.Kind.Should().Be(InstanceOwnerIdentifierKind.Person);
        id.Number.Should().Be(nin);
        id.HeaderValue.Should().Be("person:" + nin);
        id.ToString().Should().Be("person:***");
        id.Should().Be(InstanceOwnerIdentifier.Person(nin));
    }

    [Fact]
    public void A_national_identity_number_with_a_wrong_check_digit_is_rejected_without_echoing_it()
    {
        string nin = ValidNationalIdentityNumber("010190123");
        foreach (int position in new[] { 0, 4, 9, 10 })
        {
            char[] digits = nin.ToCharArray();
            digits[position] = (char)('0' + ((digits[position] - '0' + 1) % 10));
            string wrong = new(digits);

            var error = FluentActions.Invoking(() => InstanceOwnerIdentifier.Person(wrong)).Should().Throw<ArgumentException>()
                .WithParameterName("nationalIdentityNumber").WithMessage("*check digits*").Which;
            error.Message.Should().NotContain(wrong).And.NotContain(wrong[..6], "no part of the number is repeated");
        }
    }

    [Theory]
    [InlineData("0101901234")]
    [InlineData("010190123456")]
    [InlineData("0101901234x")]
    [InlineData("")]
    public void A_national_identity_number_that_is_not_11_digits_is_rejected_without_echoing_it(string value)
    {
        var error = FluentActions.Invoking(() => InstanceOwnerIdentifier.Person(value)).Should().Throw<ArgumentException>()
            .WithMessage("*exactly 11 digits*").Which;
        if (value.Length > 0) error.Message.Should().NotContain(value);
        FluentActions.Invoking(() => InstanceOwnerIdentifier.Person(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void A_base_whose_check_digit_would_be_10_never_makes_a_valid_number()
    {
        // Find a nine-digit base whose first check digit is 10; no choice of the last two digits makes it valid.
        string impossible = Enumerable.Range(0, 1000).Select(i => "0101901" + i.ToString("D2", null)[..2]).First(b => CheckDigit(b, [3, 7, 6, 1, 8, 9, 4, 5, 2]) == 10);
        for (int last = 0; last < 100; last++)
        {
            FluentActions.Invoking(() => InstanceOwnerIdentifier.Person(impossible + last.ToString("D2", null))).Should().Throw<ArgumentException>();
        }
    }

    [Theory]
    [InlineData("31234567")]
    [InlineData("91012345")]
    [InlineData("21000000")]
    public void Valid_organisation_numbers_are_accepted_also_with_the_0192_prefix(string firstEight)
    {
        string orgNo = ValidOrganisationNumber(firstEight);
        InstanceOwnerIdentifier id = InstanceOwnerIdentifier.Organisation(orgNo);

        id.Kind.Should().Be(InstanceOwnerIdentifierKind.Organisation);
        id.HeaderValue.Should().Be("organisation:" + orgNo);
        id.ToString().Should().Be("organisation:" + orgNo);
        InstanceOwnerIdentifier.Organisation("0192:" + orgNo).Should().Be(id);
    }

    [Fact]
    public void Organisation_numbers_are_checked_for_length_digits_and_check_digit()
    {
        string valid = ValidOrganisationNumber("31234567");
        string wrongCheck = valid[..8] + (char)('0' + ((valid[8] - '0' + 1) % 10));
        FluentActions.Invoking(() => InstanceOwnerIdentifier.Organisation(wrongCheck)).Should().Throw<ArgumentException>()
            .WithParameterName("organisationNumber").WithMessage($"*'{wrongCheck}'*mod-11 check digit*");
        FluentActions.Invoking(() => InstanceOwnerIdentifier.Organisation("12345678")).Should().Throw<ArgumentException>().WithMessage("*exactly 9 digits*");
        FluentActions.Invoking(() => InstanceOwnerIdentifier.Organisation("31234567a")).Should().Throw<ArgumentException>().WithMessage("*exactly 9 digits*");
        FluentActions.Invoking(() => InstanceOwnerIdentifier.Organisation(null!)).Should().Throw<ArgumentNullException>();
        // The design's example number 312345678 does not pass the mod-11 check (its check digit would be 6).
        FluentActions.Invoking(() => InstanceOwnerIdentifier.Organisation("312345678")).Should().Throw<ArgumentException>();
        ValidOrganisationNumber("31234567").Should().Be("312345676");
    }

    private static InstanceQuery ConfirmedAndExcludedByOwnOrg(string org)
    {
        InstanceQuery query = InstanceQuery.ForOrg(org);
        query.Confirmed = false;
        query.ExcludeConfirmedBy = org;
        return query;
    }

    private static InstanceQuery NoOwnerLeft()
    {
        InstanceQuery query = InstanceQuery.ForInstanceOwner(1);
        query.InstanceOwnerPartyId = null;
        return query;
    }

    // Test helpers compute valid synthetic numbers with the mod-11 rules, independently of the SDK.
    private static int CheckDigit(string digits, int[] weights)
    {
        int sum = 0;
        for (int i = 0; i < weights.Length; i++) sum += (digits[i] - '0') * weights[i];
        int check = 11 - (sum % 11);
        return check == 11 ? 0 : check;
    }

    private static string ValidNationalIdentityNumber(string firstNine)
    {
        // Move the individual number until neither check digit is 10 (such bases have no valid number).
        for (int bump = 0; ; bump++)
        {
            string nine = firstNine[..6] + ((int.Parse(firstNine[6..], null) + bump) % 1000).ToString("D3", null);
            int k1 = CheckDigit(nine, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
            if (k1 == 10) continue;
            string ten = nine + k1;
            int k2 = CheckDigit(ten, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
            if (k2 == 10) continue;
            return ten + k2;
        }
    }

    private static string ValidOrganisationNumber(string firstEight)
    {
        for (int bump = 0; ; bump++)
        {
            string eight = (int.Parse(firstEight, null) + bump).ToString("D8", null);
            int check = CheckDigit(eight, [3, 2, 7, 6, 5, 4, 3, 2]);
            if (check != 10) return eight + check;
        }
    }
}
