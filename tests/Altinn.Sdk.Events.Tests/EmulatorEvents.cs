using System.Net.Http.Headers;
using System.Text.Json;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Altinn.Sdk.Events.Tests;

/// <summary>
/// An emulator with the demo seed, an <see cref="EventsClient"/> built the DI way (AddAltinn + AddAltinnEvents), and
/// a small App API driver that makes instances change, so that the emulated app publishes events.
/// </summary>
public sealed class EmulatorEvents : IAsyncDisposable
{
    public const string DemoApp = "ttd/demo-app";
    public const int PersonParty = 50001337;
    public const int OrganisationParty = 50006000;
    public const string PersonNumber = "01017012343";
    public const string OrganisationNumber = "312345676";
    public const string EventsPath = "/events/api/v1/";

    private readonly ServiceProvider _provider;
    private readonly HttpClient _app;

    private EmulatorEvents(AltinnEmulator emulator, ServiceProvider provider)
    {
        Emulator = emulator;
        _provider = provider;
        Client = provider.GetRequiredService<EventsClient>();
        _app = new HttpClient { BaseAddress = emulator.AppBaseUrl(AppId.Parse(DemoApp)) };
        _app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.CreateUserToken(1337));
    }

    public AltinnEmulator Emulator { get; }

    public EventsClient Client { get; }

    public FakeLogCollector Logs => _provider.GetRequiredService<FakeLogCollector>();

    public static AppId App => AppId.Parse(DemoApp);

    /// <summary>Starts an emulator and a client; <paramref name="configureHttp"/> can add a handler inside the Altinn pipeline.</summary>
    public static async Task<EmulatorEvents> StartAsync(
        Func<AltinnEmulator, AltinnCredential>? credential = null,
        int maxRetries = 3,
        Func<DelegatingHandler>? innerHandler = null,
        TimeProvider? clock = null)
    {
        var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true, TimeProvider = clock });
        var services = new ServiceCollection();
        services.AddSingleton(emulator.Environment);
        services.AddSingleton(credential?.Invoke(emulator) ?? emulator.CreateOrgCredential("ttd"));
        services.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug).AddLeakWatch());
        services.AddAltinn(options => options.MaxRetries = maxRetries);
        services.AddAltinnEvents();
        if (innerHandler is not null)
        {
            services.AddHttpClient(EventsServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(innerHandler);
        }

        return new EmulatorEvents(emulator, services.BuildServiceProvider());
    }

    public ILogger<T> Logger<T>() => _provider.GetRequiredService<ILogger<T>>();

    /// <summary>The Events requests in the log (path and query), oldest first.</summary>
    public IReadOnlyList<string> EventsRequests() =>
        Emulator.Requests.Where(r => r.PathAndQuery.StartsWith(EventsPath, StringComparison.Ordinal)).Select(r => r.Method + " " + r.PathAndQuery).ToList();

    /// <summary>Creates an instance for the person, or another party user 1337 represents (events: movedTo.Task_1, created).</summary>
    public async Task<InstanceId> CreateInstanceAsync(int partyId = PersonParty)
    {
        using var response = await _app.PostAsync($"instances?instanceOwnerPartyId={partyId}", null);
        string body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        using var document = JsonDocument.Parse(body);
        return InstanceId.Parse(document.RootElement.GetProperty("id").GetString()!);
    }

    /// <summary>Moves an instance's process one step (events: movedTo.Task_2, then completed).</summary>
    public async Task NextAsync(InstanceId id)
    {
        using var response = await _app.PutAsync($"instances/{id}/process/next", null);
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Creates an instance and runs it to the end: four events.</summary>
    public async Task<InstanceId> CreateCompletedInstanceAsync()
    {
        InstanceId id = await CreateInstanceAsync();
        await NextAsync(id);
        await NextAsync(id);
        return id;
    }

    /// <summary>All events of the demo app, read with a fresh query from the beginning.</summary>
    public async Task<List<CloudEvent>> AllAppEventsAsync() =>
        await Client.GetEventsAsync(new AppEventsQuery(App) { After = "0" }).ToListAsync();

    public async ValueTask DisposeAsync()
    {
        _app.Dispose();
        await _provider.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
