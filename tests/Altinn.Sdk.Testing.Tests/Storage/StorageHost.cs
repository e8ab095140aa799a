using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing.Hosting;

namespace Altinn.Sdk.Testing.Tests.Storage;

/// <summary>An emulator with two apps, two persons, an organisation and their users, and HTTP helpers for Storage.</summary>
internal sealed class StorageHost : IAsyncDisposable
{
    public const string AppId = "ttd/apps-test";
    public const string KeepAppId = "ttd/keep-app";
    public const int PartyA = 50001;
    public const int PartyB = 50002;
    public const int OrgParty = 50003;
    public const string OrgNumber = "310000001";
    public const int UserA = 1001;
    public const int UserB = 1002;

    private StorageHost(AltinnEmulator emulator)
    {
        Emulator = emulator;
        Http = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, "storage/api/v1/") };
    }

    public AltinnEmulator Emulator { get; }

    public HttpClient Http { get; }

    public string Org => Emulator.CreateOrgToken("ttd");

    public string UserATok => Emulator.CreateUserToken(UserA);

    public string UserBTok => Emulator.CreateUserToken(UserB);

    public static async Task<StorageHost> StartAsync(TimeProvider? clock = null)
    {
        var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { TimeProvider = clock });
        emulator.AddApp(new ApplicationMetadata
        {
            Id = AppId,
            Title = new Dictionary<string, string> { ["nb"] = "Test" },
            DataTypes =
            [
                new DataType { Id = "attachment" },
                new DataType { Id = "temp", AppLogic = new ApplicationLogic { AutoDeleteOnProcessEnd = true } },
                new DataType { Id = "scanned", EnableFileScan = true },
            ],
            Features = new Dictionary<string, bool> { ["x"] = true },
        });
        emulator.AddApp(new ApplicationMetadata { Id = KeepAppId, PreventInstanceDeletionForDays = 30 });
        emulator.AddPersonParty(PartyA, "01017012345", "Ola");
        emulator.AddPersonParty(PartyB, "02027012345", "Kari");
        emulator.AddOrganisationParty(OrgParty, OrgNumber, "Firma AS");
        emulator.AddUser(UserA, PartyA, OrgParty);
        emulator.AddUser(UserB, PartyB);
        return new StorageHost(emulator);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        configure?.Invoke(request);
        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token, Action<HttpRequestMessage>? configure = null) => SendAsync(HttpMethod.Get, path, token, null, configure);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async Task<Instance> CreateAsync(int partyId, string? token = null, string extra = "", string appId = AppId)
    {
        string json = $$"""{"instanceOwner":{"partyId":"{{partyId}}"}{{extra}}}""";
        using var response = await SendAsync(HttpMethod.Post, $"instances?appId={appId}", token ?? Org, Json(json));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<Instance>(response))!;
    }

    public async Task<DataElement> UploadAsync(Instance instance, string dataType = "attachment", string? token = null, string content = "hello", string contentType = "text/plain", string? filename = "a.txt")
    {
        using var body = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (filename is not null) body.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = filename };
        using var response = await SendAsync(HttpMethod.Post, $"instances/{instance.Id}/data?dataType={dataType}", token ?? Org, body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<DataElement>(response))!;
    }

    public async Task<InstanceQueryResponse> QueryAsync(string query, string? token = null)
    {
        using var response = await GetAsync("instances?" + query, token ?? Org);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<InstanceQueryResponse>(response))!;
    }

    public async Task<Instance> GetInstanceAsync(Instance instance, string? token = null)
    {
        using var response = await GetAsync($"instances/{instance.Id}", token ?? Org);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<Instance>(response))!;
    }

    public static Task<T?> ReadAsync<T>(HttpResponseMessage response) => response.Content.ReadFromJsonAsync<T>(EmulatorJson.Storage);

    public static async Task ShouldBeAsync(HttpResponseMessage response, HttpStatusCode status, string? text = null)
    {
        string body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        if (text is not null) body.Should().Be(text);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
