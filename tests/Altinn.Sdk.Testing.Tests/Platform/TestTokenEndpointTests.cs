using System.Net;
using System.Net.Http.Headers;

namespace Altinn.Sdk.Testing.Tests.Platform;

public class TestTokenEndpointTests
{
    [Fact]
    public async Task Localtest_token_endpoints_give_tokens_the_emulator_accepts()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.AddPersonParty(50001337, "01017012345", "Sophie Salt");
        emulator.AddUser(1337, 50001337);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };

        string org = await http.GetStringAsync("Home/GetTestOrgToken/ttd?scopes=altinn:serviceowner/instances.read,altinn:events.subscribe");
        string orgByNumber = await http.GetStringAsync("Home/GetTestOrgToken/skd?orgNumber=974761076&authenticationLevel=4");
        string user = await http.GetStringAsync("Home/GetTestUserToken/1337?authenticationLevel=3");
        string systemUser = await http.GetStringAsync("Home/GetTestSystemUserToken?systemUserOrgNumber=312345678&externalRef=abc&supplierOrgNumber=991825827&scope=altinn:instances.read");
        using var unknownUser = await http.GetAsync("Home/GetTestUserToken/4242");
        using var unknownOrg = await http.GetAsync("Home/GetTestOrgToken/nope");

        Jwt.Payload(org).GetProperty("urn:altinn:org").GetString().Should().Be("ttd");
        Jwt.Payload(org).GetProperty("scope").GetString().Should().Be("altinn:serviceowner/instances.read altinn:events.subscribe");
        Jwt.Payload(orgByNumber).GetProperty("urn:altinn:orgNumber").GetString().Should().Be("974761076");
        Jwt.Payload(orgByNumber).GetProperty("urn:altinn:authlevel").GetInt32().Should().Be(4);
        Jwt.Payload(user).GetProperty("urn:altinn:userid").GetString().Should().Be("1337");
        Jwt.Payload(user).GetProperty("urn:altinn:authlevel").GetInt32().Should().Be(3);
        var detail = Jwt.Payload(systemUser).GetProperty("authorization_details")[0];
        detail.GetProperty("systemuser_org").GetProperty("ID").GetString().Should().Be("0192:312345678");
        unknownUser.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknownUser.Content.ReadAsStringAsync()).Should().Contain("4242");
        unknownOrg.StatusCode.Should().Be(HttpStatusCode.NotFound);

        foreach (string token in new[] { org, orgByNumber, user, systemUser })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "authentication/api/v1/refresh");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            string refreshed = await response.Content.ReadAsStringAsync();
            Jwt.Payload(refreshed).GetProperty("scope").GetString().Should().Be(Jwt.Payload(token).GetProperty("scope").GetString());
        }
    }

    [Fact]
    public async Task The_id_porten_exchange_takes_the_emulators_user_tokens_only()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.AddPersonParty(50001337, "01017012345", "Sophie Salt");
        emulator.AddUser(1337, 50001337);
        using var http = new HttpClient();
        var client = new Altinn.Sdk.Authentication.AuthenticationClient(http, emulator.Environment);

        var token = await client.ExchangeAsync(emulator.CreateUserToken(1337), Altinn.Sdk.Authentication.AltinnTokenProvider.IdPorten);
        var refused = await FluentActions.Awaiting(() => client.ExchangeAsync(emulator.CreateOrgToken("ttd"), Altinn.Sdk.Authentication.AltinnTokenProvider.IdPorten))
            .Should().ThrowAsync<AltinnRequestFailedException>();

        Jwt.Payload(token.Token).GetProperty("urn:altinn:partyid").GetString().Should().Be("50001337");
        refused.Which.Status.Should().Be(401);
    }
}
