using System.Diagnostics;
using System.Globalization;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;

namespace Altinn.Sdk.Bench;

/// <summary>
/// The SDK's token handling under concurrency, against the emulator on loopback: Storage calls (one instance by id)
/// through a <see cref="StorageClient"/> whose credential is a Maskinporten client plus the Altinn token exchange,
/// against the same calls with a <see cref="StaticTokenCredential"/> (no acquisition at all) in the same run; the
/// token requests that reached the emulator while many callers share one client, on a cold start, and across token
/// lifetimes; and the credential's cache hit path alone under contention.
/// </summary>
internal static class TokenCacheBench
{
    private const string ClientId = "bench-token-cache";
    private const string MaskinportenTokenPath = "/maskinporten/token";
    private const string ExchangePath = "/authentication/api/v1/exchange/";
    private static readonly int[] s_callers = [1, 16, 256];

    public static async Task<int> RunAsync(int requestsPerCaller, int rounds, int lifetimes)
    {
        // The emulator and the credentials share a clock that can be moved ahead, to pass token lifetimes in seconds.
        var clock = new ShiftedClock();
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { TimeProvider = clock });
        emulator.AddApp(new ApplicationMetadata { Id = "ttd/bench-app", Org = "ttd" });
        string jwk = emulator.CreateMaskinportenClient(ClientId);
        using var seedHttp = new HttpClient { BaseAddress = emulator.BaseUrl };
        seedHttp.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", emulator.CreateOrgToken("ttd"));
        var instanceId = InstanceId.Parse(await BenchSupport.SeedInstancesAsync(seedHttp, "ttd/bench-app", 1));
        using var tokenHttp = new HttpClient();

        AltinnCredential Exchange() => new AltinnTokenExchangeCredential(
            new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromJwk(jwk), tokenHttp, clock),
            new AuthenticationClient(tokenHttp, emulator.Environment),
            timeProvider: clock);
        var context = new AltinnTokenContext(emulator.Environment, ["altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write"]);

        // The baseline holds the very token the exchange gives, so the two differ only in how the token is got; the
        // emulator's own org token (another JWT) is a second static row.
        string exchangedToken = (await Exchange().GetTokenAsync(new AltinnTokenRequest(context), default)).Token;
        string orgToken = emulator.CreateOrgToken("ttd");
        AltinnCredential Static() => new StaticTokenCredential(exchangedToken);

        Console.WriteLine(Invariant($"Token cache: Storage GET one instance, {requestsPerCaller} requests per caller, callers {string.Join("/", s_callers)}, {rounds} rounds, {Environment.ProcessorCount} cores."));
        Console.WriteLine(Invariant($"exchanged token {exchangedToken.Length} characters, emulator org token {orgToken.Length}"));
        int problems = 0;

        // 1. Warm clients, many callers: time per call, and token requests sent while they run.
        (string Name, StorageClient Client)[] variants =
        [
            ("static, exchanged token", StorageClient.Create(emulator.Environment, Static())),
            ("Maskinporten + exchange", StorageClient.Create(emulator.Environment, Exchange())),
            ("static, emulator org token", StorageClient.Create(emulator.Environment, new StaticTokenCredential(orgToken))),
        ];
        emulator.ClearRequests();
        foreach (var variant in variants) await CallAsync(variant.Client, instanceId, 16, 20);
        (int warmMaskinporten, int warmExchange) = TokenRequests(emulator);
        Console.WriteLine(Invariant($"warm-up: {warmMaskinporten} Maskinporten token request(s), {warmExchange} exchange(s)"));
        if (warmMaskinporten != 1 || warmExchange != 1) problems++;

        Console.WriteLine();
        Console.WriteLine("| callers | calls per round | rounds | " + string.Join(" | ", variants.Select(v => v.Name + ": µs per call (median)")) + " | exchange / static (median of per-round ratios) | token requests during the timed rounds |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (int callers in s_callers)
        {
            var times = variants.Select(_ => new List<double>()).ToArray();
            emulator.ClearRequests();

            // Rounds with few callers are short, so they get more of them (64x for 1 caller, 4x for 16).
            int roundsHere = rounds * Math.Max(1, 64 / callers);
            for (int round = 0; round < roundsHere; round++)
            {
                // Rotate the order, so all see the same drift in load.
                for (int k = 0; k < variants.Length; k++)
                {
                    int v = (round + k) % variants.Length;
                    TimeSpan elapsed = await CallAsync(variants[v].Client, instanceId, callers, requestsPerCaller);
                    times[v].Add(elapsed.TotalMicroseconds / (callers * requestsPerCaller));
                }
            }

            (int maskinporten, int exchange) = TokenRequests(emulator);
            if (maskinporten + exchange != 0) problems++;
            double[] medians = times.Select(BenchSupport.Median).ToArray();

            // The ratio is taken per round (the variants ran back to back) and its median reported, so that a change
            // in load between rounds cancels out.
            double ratio = BenchSupport.Median(times[1].Zip(times[0], (e, s) => e / s));
            Console.WriteLine(Invariant($"| {callers} | {callers * requestsPerCaller:N0} | {roundsHere} | {string.Join(" | ", medians.Select(m => m.ToString("N1", CultureInfo.InvariantCulture)))} | {ratio:0.00}x | {maskinporten} + {exchange} |"));
        }

        // 2. Cold start: N concurrent first calls on a fresh client; the acquisition is shared (one of each request).
        Console.WriteLine();
        Console.WriteLine("| cold start: concurrent first calls | trials | Maskinporten token requests (min-max per trial) | exchanges (min-max) | first wave, static (median) | first wave, exchange (median) |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (int callers in s_callers)
        {
            var counts = new List<(int Maskinporten, int Exchange)>();
            var staticWave = new List<double>();
            var exchangeWave = new List<double>();
            for (int trial = 0; trial < rounds; trial++)
            {
                staticWave.Add((await CallAsync(StorageClient.Create(emulator.Environment, Static()), instanceId, callers, 1)).TotalMilliseconds);
                var fresh = StorageClient.Create(emulator.Environment, Exchange());
                emulator.ClearRequests();
                exchangeWave.Add((await CallAsync(fresh, instanceId, callers, 1)).TotalMilliseconds);
                counts.Add(TokenRequests(emulator));
            }

            if (counts.Any(c => c != (1, 1))) problems++;
            Console.WriteLine(Invariant($"| {callers} | {rounds} | {counts.Min(c => c.Maskinporten)}-{counts.Max(c => c.Maskinporten)} | {counts.Min(c => c.Exchange)}-{counts.Max(c => c.Exchange)} | {BenchSupport.Median(staticWave):N1} ms | {BenchSupport.Median(exchangeWave):N1} ms |"));
        }

        // 3. Token lifetimes: the clock moves 25 minutes per phase (past the exchanged token's refresh point, 80 % of
        // 30 minutes, but not its expiry), with the most callers running on one client throughout.
        Console.WriteLine();
        int most = s_callers[^1];
        var lifetimeClient = StorageClient.Create(emulator.Environment, Exchange());
        Console.WriteLine(Invariant($"| lifetime (clock moved by) | calls ({most} callers) | Maskinporten token requests | exchanges |"));
        Console.WriteLine("| --- | --- | --- | --- |");
        for (int lifetime = 0; lifetime < lifetimes; lifetime++)
        {
            clock.Offset = TimeSpan.FromMinutes(25 * lifetime);
            emulator.ClearRequests();
            await CallAsync(lifetimeClient, instanceId, most, requestsPerCaller);
            (int maskinporten, int exchange) = TokenRequests(emulator);
            if (maskinporten != 1 || exchange != 1) problems++;
            Console.WriteLine(Invariant($"| {lifetime + 1} (+{25 * lifetime} min) | {most * requestsPerCaller:N0} | {maskinporten} | {exchange} |"));
        }

        clock.Offset = TimeSpan.Zero;

        // 4. The credential alone (no HTTP): the cache's hit path under contention, against a static token.
        Console.WriteLine();
        AltinnCredential cachedCredential = Exchange();
        AltinnCredential staticCredential = Static();
        await cachedCredential.GetTokenAsync(new AltinnTokenRequest(context), default);
        const int credentialCalls = 2_000_000;
        Console.WriteLine(Invariant($"| credential only: callers | calls per round | static: ns per call (median) | exchange, cached: ns per call (median) | ratio | allocated per call, static / cached |"));
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (int callers in s_callers)
        {
            var staticTimes = new List<double>();
            var cachedTimes = new List<double>();
            var allocated = new Dictionary<bool, double>();
            int perCaller = credentialCalls / callers;
            for (int round = 0; round < rounds; round++)
            {
                bool staticFirst = round % 2 == 0;
                foreach (bool isStatic in staticFirst ? new[] { true, false } : [false, true])
                {
                    long before = GC.GetTotalAllocatedBytes(precise: true);
                    TimeSpan elapsed = await TokensAsync(isStatic ? staticCredential : cachedCredential, context, callers, perCaller);
                    allocated[isStatic] = (double)(GC.GetTotalAllocatedBytes(precise: true) - before) / (callers * perCaller);
                    (isStatic ? staticTimes : cachedTimes).Add(elapsed.TotalNanoseconds / (callers * perCaller));
                }
            }

            double s = BenchSupport.Median(staticTimes), c = BenchSupport.Median(cachedTimes);
            Console.WriteLine(Invariant($"| {callers} | {callers * perCaller:N0} | {s:N0} | {c:N0} | {c / s:0.00}x | {allocated[true]:N1} / {allocated[false]:N1} B |"));
        }

        Console.WriteLine();
        Console.WriteLine(problems == 0
            ? "Token requests: as expected everywhere (one Maskinporten token and one exchange per acquisition, none while the token is fresh)."
            : Invariant($"Token requests: {problems} measurement(s) did not show exactly one acquisition."));
        return problems == 0 ? 0 : 1;
    }

    /// <summary>Runs <paramref name="callers"/> concurrent tasks, each making <paramref name="requests"/> calls in turn; returns the wall time.</summary>
    private static async Task<TimeSpan> CallAsync(StorageClient client, InstanceId id, int callers, int requests)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < requests; i++)
            {
                Instance instance = await client.Instances.GetAsync(id);
                if (!id.Equals(instance.Id)) throw new InvalidOperationException("Storage returned another instance.");
            }
        })));
        return clock.Elapsed;
    }

    private static async Task<TimeSpan> TokensAsync(AltinnCredential credential, AltinnTokenContext context, int callers, int calls)
    {
        var request = new AltinnTokenRequest(context);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < calls; i++)
            {
                AltinnAccessToken token = await credential.GetTokenAsync(request, default);
                if (token.Token.Length == 0) throw new InvalidOperationException("No token.");
            }
        })));
        return clock.Elapsed;
    }

    /// <summary>The Maskinporten token requests and token exchanges in the emulator's request log.</summary>
    private static (int Maskinporten, int Exchange) TokenRequests(AltinnEmulator emulator)
    {
        IReadOnlyList<EmulatorRequest> log = emulator.Requests;
        return (
            log.Count(r => r.PathAndQuery.StartsWith(MaskinportenTokenPath, StringComparison.Ordinal)),
            log.Count(r => r.PathAndQuery.StartsWith(ExchangePath, StringComparison.OrdinalIgnoreCase)));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The system clock moved ahead by <see cref="Offset"/>.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        private long _offsetTicks;

        public TimeSpan Offset
        {
            get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
            set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
        }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
    }
}
