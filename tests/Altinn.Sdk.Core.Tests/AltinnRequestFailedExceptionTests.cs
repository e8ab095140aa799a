using System.Net;
using System.Text;

namespace Altinn.Sdk.Tests;

public class AltinnRequestFailedExceptionTests
{
    private static HttpResponseMessage Response(HttpStatusCode status, string body, string mediaType, string method, string url) => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, mediaType),
        RequestMessage = new HttpRequestMessage(new HttpMethod(method), url),
    };

    [Fact]
    public async Task Problem_details_with_validation_issues_are_read_and_named_in_the_message()
    {
        const string body = """
            {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.10","title":"Validation failed for task","status":409,
             "detail":"2 validation errors","instance":"/ttd/app/instances/1/x","traceId":"00-abc-01",
             "validationIssues":[{"severity":1,"field":"skjema.navn","code":"required","description":"Navn mangler","source":"Required"},
                                 {"severity":2,"code":"soft","description":"Sjekk adresse","source":"Custom"}]}
            """;
        using var response = Response(HttpStatusCode.Conflict, body, "application/problem+json", "PUT", "https://ttd.apps.tt02.altinn.no/ttd/app/instances/1/2/process/next");

        var exception = await AltinnRequestFailedException.CreateAsync(response);

        exception.Status.Should().Be(409);
        exception.Method.Should().Be("PUT");
        exception.RequestUri.Should().Be("https://ttd.apps.tt02.altinn.no/ttd/app/instances/1/2/process/next");
        exception.RequestId.Should().Be("00-abc-01");
        exception.Problem!.Title.Should().Be("Validation failed for task");
        exception.Problem.ValidationIssues.Should().HaveCount(2);
        exception.Problem.ValidationIssues[0].IsError.Should().BeTrue();
        exception.Problem.ValidationIssues[0].Field.Should().Be("skjema.navn");
        exception.Problem.ValidationIssues[1].Severity.Should().Be(2);
        exception.Message.Should().StartWith("PUT https://ttd.apps.tt02.altinn.no/ttd/app/instances/1/2/process/next failed with 409 (Conflict).")
            .And.Contain("Validation failed for task").And.Contain("skjema.navn: required: Navn mangler").And.Contain("Validation issues (2)");
    }

    [Fact]
    public async Task Asp_net_validation_errors_are_listed_by_field()
    {
        const string body = """{"title":"One or more validation errors occurred.","status":400,"errors":{"label":["The Label field is required."]}}""";
        using var response = Response(HttpStatusCode.BadRequest, body, "application/problem+json", "PUT", "https://platform.tt02.altinn.no/storage/api/v1/instances/1/2/substatus");
        var exception = await AltinnRequestFailedException.CreateAsync(response);
        exception.Problem!.Errors["label"].Should().Equal("The Label field is required.");
        exception.Message.Should().Contain("label: The Label field is required.");
    }

    [Fact]
    public async Task Plain_text_bodies_from_storage_become_the_response_text()
    {
        using var response = Response(HttpStatusCode.BadRequest, "Org or AppId must be defined.", "text/plain", "GET", "https://platform.tt02.altinn.no/storage/api/v1/instances?size=10");
        var exception = await AltinnRequestFailedException.CreateAsync(response);
        exception.Problem.Should().BeNull();
        exception.ResponseText.Should().Be("Org or AppId must be defined.");
        exception.Message.Should().Be("GET https://platform.tt02.altinn.no/storage/api/v1/instances?size=10 failed with 400 (Bad Request). The service said: Org or AppId must be defined.");
    }

    [Fact]
    public async Task Empty_403_gets_a_hint_and_a_caller_hint_replaces_it()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { RequestMessage = new HttpRequestMessage(HttpMethod.Delete, "https://ttd.apps.tt02.altinn.no/ttd/app/instances/1/2") };
        var general = await AltinnRequestFailedException.CreateAsync(response);
        general.Message.Should().Contain("not allowed").And.Contain("scopes");

        var specific = await AltinnRequestFailedException.CreateAsync(response, "The app's policy.xml lacks the rule that lets the org delete instances.");
        specific.Message.Should().EndWith("The app's policy.xml lacks the rule that lets the org delete instances.");
    }

    [Fact]
    public async Task Tokens_and_national_identity_numbers_never_reach_the_message()
    {
        const string jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
        using var response = Response(HttpStatusCode.Unauthorized, $"Token {jwt} for 16035001577 rejected", "text/plain", "GET",
            $"https://user:pw@platform.tt02.altinn.no/storage/api/v1/instances?person=16035001577&token={jwt}&appId=ttd/app");
        var exception = await AltinnRequestFailedException.CreateAsync(response);
        exception.Message.Should().NotContain(jwt).And.NotContain("16035001577").And.NotContain("pw@");
        exception.RequestUri.Should().Be("https://platform.tt02.altinn.no/storage/api/v1/instances?person=***&token=***&appId=ttd/app");
        exception.ResponseText.Should().NotContain("eyJ");
    }

    [Fact]
    public async Task Only_the_first_64_KiB_of_a_body_is_read()
    {
        string big = new('x', 200_000);
        using var response = Response(HttpStatusCode.InternalServerError, big, "text/plain", "GET", "https://platform.tt02.altinn.no/storage/api/v1/instances");
        var exception = await AltinnRequestFailedException.CreateAsync(response);
        exception.ResponseText!.Length.Should().BeLessThan(600);
        exception.Status.Should().Be(500);
    }
}
