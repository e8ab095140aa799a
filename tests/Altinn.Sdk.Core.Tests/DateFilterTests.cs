namespace Altinn.Sdk.Tests;

public class DateFilterTests
{
    [Fact]
    public void Documented_draft_query_value_is_produced_exactly()
    {
        DateFilter.OnOrBefore(2020, 9, 30).ToQueryValues().Should().Equal("lte:2020-09-30");
    }

    [Fact]
    public void Every_operator_has_its_storage_text()
    {
        var moment = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
        DateFilter.After(moment).ToString().Should().Be("gt:2024-05-01T10:00:00Z");
        DateFilter.OnOrAfter(moment).ToString().Should().Be("gte:2024-05-01T10:00:00Z");
        DateFilter.Before(moment).ToString().Should().Be("lt:2024-05-01T10:00:00Z");
        DateFilter.OnOrBefore(moment).ToString().Should().Be("lte:2024-05-01T10:00:00Z");
        DateFilter.At(moment).ToString().Should().Be("eq:2024-05-01T10:00:00Z");
        DateFilter.After(2024, 5, 1).ToString().Should().Be("gt:2024-05-01");
        DateFilter.OnOrAfter(2024, 5, 1).ToString().Should().Be("gte:2024-05-01");
        DateFilter.Before(2024, 5, 1).ToString().Should().Be("lt:2024-05-01");
        DateFilter.On(2024, 5, 1).ToString().Should().Be("eq:2024-05-01");
    }

    [Fact]
    public void Times_are_sent_in_utc_with_only_the_fraction_digits_needed()
    {
        var oslo = new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.FromHours(2));
        DateFilter.Before(oslo).ToString().Should().Be("lt:2024-05-01T10:30:00Z");

        var precise = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_500);
        DateFilter.Before(precise).ToString().Should().Be("lt:2024-05-01T10:00:00.12345Z");
    }

    [Fact]
    public void Conditions_combine_into_repeated_values()
    {
        var filter = DateFilter.Between(
            new DateTimeOffset(2020, 9, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2020, 10, 1, 0, 0, 0, TimeSpan.Zero));
        filter.ToQueryValues().Should().Equal("gte:2020-09-01T00:00:00Z", "lt:2020-10-01T00:00:00Z");

        DateFilter.OnOrAfter(2020, 1, 1).And(DateFilter.Before(2021, 1, 1)).And(DateFilter.On(2020, 6, 1))
            .ToQueryValues().Should().Equal("gte:2020-01-01", "lt:2021-01-01", "eq:2020-06-01");
    }

    [Fact]
    public void The_same_operator_twice_is_refused_before_any_request()
    {
        var act = () => DateFilter.Before(2020, 1, 1).And(DateFilter.Before(2021, 1, 1));
        act.Should().Throw<ArgumentException>().WithMessage("*each operator once*both use 'lt'*");
        FluentActions.Invoking(() => DateFilter.Parse("lt:2020-01-01,lt:2021-01-01")).Should().Throw<FormatException>().WithMessage("*'lt' twice*");
    }

    [Fact]
    public void Empty_range_and_impossible_dates_are_refused()
    {
        var t = DateTimeOffset.UtcNow;
        FluentActions.Invoking(() => DateFilter.Between(t, t)).Should().Throw<ArgumentException>().WithMessage("*empty*");
        FluentActions.Invoking(() => DateFilter.OnOrBefore(2021, 2, 29)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*2021-02-29 is not a date*");
        FluentActions.Invoking(() => DateFilter.OnOrBefore(2021, 13, 1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData("lte:2020-09-30")]
    [InlineData("gte:2020-09-01T00:00:00Z,lt:2020-10-01T00:00:00Z")]
    [InlineData("eq:2024-05-01T10:00:00.1234567Z")]
    [InlineData("gt:2020-01-01,lte:2020-12-31")]
    public void Parse_round_trips(string text)
    {
        var filter = DateFilter.Parse(text);
        filter.ToString().Should().Be(text);
        DateFilter.Parse(filter.ToString()).Should().Be(filter);
    }

    [Fact]
    public void Parse_treats_a_time_without_offset_as_utc_and_converts_offsets()
    {
        DateFilter.Parse("lt:2020-09-30T10:00:00").ToString().Should().Be("lt:2020-09-30T10:00:00Z");
        DateFilter.Parse("lt:2020-09-30T12:00:00+02:00").ToString().Should().Be("lt:2020-09-30T10:00:00Z");
        var condition = DateFilter.Parse("lte:2020-09-30").Conditions.Single();
        condition.IsDateOnly.Should().BeTrue();
        condition.Operator.Should().Be(DateFilterOperator.LessThanOrEqual);
        condition.Value.Should().Be(new DateTimeOffset(2020, 9, 30, 0, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("2020-09-30", "is not a date filter condition")]
    [InlineData("le:2020-09-30", "'le' is not a date filter operator")]
    [InlineData("LTE:2020-09-30", "'LTE' is not a date filter operator")]
    [InlineData("lte:30.09.2020", "'30.09.2020' in 'lte:30.09.2020' is not a date")]
    [InlineData("lte:2020-02-30", "is not a date")]
    [InlineData("lte:", "is not a date")]
    [InlineData("lte:yesterday", "'yesterday'")]
    public void Parse_rejects_bad_filters_with_a_reason(string text, string reason)
    {
        FluentActions.Invoking(() => DateFilter.Parse(text)).Should().Throw<FormatException>().WithMessage($"*{reason}*");
        DateFilter.TryParse(text, out var filter).Should().BeFalse();
        filter.Should().BeNull();
    }
}
