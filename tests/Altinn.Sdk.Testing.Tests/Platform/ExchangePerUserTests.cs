using Altinn.Sdk.Authentication;

namespace Altinn.Sdk.Testing.Tests.Platform;

/// <summary>
/// One exchange credential serving many end users (a web system's pairing with a <see cref="DelegatedTokenCredential"/>
/// that returns the signed-in user's ID-porten token): each user must get the Altinn token exchanged from their own
/// token, checked against the emulator's exchange, whose Altinn token names the user.
/// </summary>
public class ExchangePerUserTests
{
    private static readonly int[] s_users = [2001, 2002, 2003];

    [Fact]
    public async Task Users_interleaved_under_concurrency_each_get_the_token_exchanged_from_their_own()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        var userTokens = new Dictionary<int, string>();
        foreach (int user in s_users)
        {
            int partyId = 50_000_000 + user;
            emulator.AddPersonParty(partyId, "0101700" + user.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), "User " + user);
            emulator.AddUser(user, partyId);
            userTokens[user] = emulator.CreateUserToken(user);
        }

        // The signed-in user of the request being served, as a web system keeps it (an async-local per request).
        var currentUser = new AsyncLocal<int>();
        int sourceCalls = 0;
        var idPorten = new DelegatedTokenCredential((request, ct) =>
        {
            Interlocked.Increment(ref sourceCalls);
            string token = userTokens[currentUser.Value];
            var expires = DateTimeOffset.FromUnixTimeSeconds(Jwt.Payload(token).GetProperty("exp").GetInt64());
            return new ValueTask<AltinnAccessToken>(new AltinnAccessToken(token, expires));
        });
        using var http = new HttpClient();
        var credential = new AltinnTokenExchangeCredential(idPorten, new AuthenticationClient(http, emulator.Environment), AltinnTokenProvider.IdPorten);
        var context = new AltinnTokenContext(emulator.Environment, ["altinn:instances.read"]);

        // 300 requests, the users interleaved, all at once.
        (int User, string Token)[] results = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
        {
            currentUser.Value = s_users[i % s_users.Length];
            await Task.Yield();
            AltinnAccessToken token = await credential.GetTokenAsync(new AltinnTokenRequest(context), CancellationToken.None);
            return (currentUser.Value, token.Token);
        })));

        foreach ((int user, string token) in results)
        {
            Jwt.Payload(token).GetProperty("urn:altinn:userid").GetString().Should().Be(
                user.ToString(System.Globalization.CultureInfo.InvariantCulture), "every request gets an Altinn token for its own user");
        }

        results.Select(r => r.Token).Distinct().Should().HaveCount(s_users.Length);
        emulator.Requests.Count(r => r.PathAndQuery == "/authentication/api/v1/exchange/id-porten")
            .Should().Be(s_users.Length, "each user's token is exchanged once, however many of their requests ask at once");
        sourceCalls.Should().Be(300, "the source says whose request it is, so it is asked every time");
    }
}
