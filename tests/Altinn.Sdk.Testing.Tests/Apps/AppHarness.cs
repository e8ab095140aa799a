using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Altinn.Sdk.Models;
using Microsoft.Extensions.Time.Testing;

namespace Altinn.Sdk.Testing.Tests.Apps;

/// <summary>An emulator with one app (<c>ttd/test-app</c>: form data, attachments, two tasks), parties, users and a plain HttpClient.</summary>
internal sealed class AppHarness : IAsyncDisposable
{
    public const string App = "ttd/test-app";
    public const int PersonParty = 50001;
    public const int OrgParty = 50002;
    public const int OtherPersonParty = 50003;
    public const string PersonNumber = "01017012345";
    public const string OrgNumber = "310000001";
    public const int UserId = 1001;
    public const int OtherUserId = 1003;
    public const string ModelXml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Skjema><Navn>Kari</Navn></Skjema>";

    private AppHarness(AltinnEmulator emulator, FakeTimeProvider? clock)
    {
        Emulator = emulator;
        Clock = clock;
        Http = new HttpClient { BaseAddress = emulator.BaseUrl };
    }

    public AltinnEmulator Emulator { get; }

    public FakeTimeProvider? Clock { get; }

    public HttpClient Http { get; }

    public string OrgToken => Emulator.CreateOrgToken("ttd");

    public string UserToken => Emulator.CreateUserToken(UserId);

    public string OtherUserToken => Emulator.CreateUserToken(OtherUserId);

    public static ApplicationMetadata Metadata(bool autoDelete = false, params DataType[] extra) => new()
    {
        Id = App,
        Org = "ttd",
        Title = new Dictionary<string, string> { ["nb"] = "Testapp" },
        AutoDeleteOnProcessEnd = autoDelete,
        DataTypes =
        [
            new DataType { Id = "model", TaskId = "Task_1", MinCount = 1, MaxCount = 1, AllowedContentTypes = ["application/xml"], AppLogic = new ApplicationLogic { AutoCreate = true, ClassRef = "Altinn.App.Models.Skjema" } },
            new DataType { Id = "attachment", TaskId = "Task_1", MinCount = 0, MaxCount = 2, MaxSize = 1, AllowedContentTypes = ["application/pdf", "image/png"] },
            new DataType { Id = "ref-data-as-pdf", AllowedContentTypes = ["application/pdf"], MaxCount = 0 },
            .. extra,
        ],
    };

    public static async Task<AppHarness> StartAsync(ApplicationMetadata? metadata = null, bool orgMayDelete = true, FakeTimeProvider? clock = null)
    {
        var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { TimeProvider = clock });
        emulator.AddApp(metadata ?? Metadata(), [new EmulatorTask("Task_1"), new EmulatorTask("Task_2", "confirmation")], orgMayDelete);
        emulator.AddPersonParty(PersonParty, PersonNumber, "Kari Nordmann");
        emulator.AddOrganisationParty(OrgParty, OrgNumber, "Testbedrift AS");
        emulator.AddPersonParty(OtherPersonParty, "02027012345", "Ola Nordmann");
        emulator.AddUser(UserId, PersonParty, OrgParty);
        emulator.AddUser(OtherUserId, OtherPersonParty);
        return new AppHarness(emulator, clock);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path.StartsWith('/') ? path[1..] : path) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        return await Http.SendAsync(request);
    }

    /// <summary>Creates an instance with an empty body; returns the instance JSON.</summary>
    public async Task<JsonElement> CreateAsync(string token, int partyId)
    {
        using var response = await SendAsync(HttpMethod.Post, $"{App}/instances?instanceOwnerPartyId={partyId}", token);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static string PathOf(JsonElement instance) => $"{App}/instances/{instance.GetProperty("id").GetString()}";

    public static Guid GuidOf(JsonElement instance) => Guid.Parse(instance.GetProperty("id").GetString()!.Split('/')[1]);

    public static HttpContent Binary(byte[] bytes, string? contentType, string? disposition)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (disposition is not null) content.Headers.TryAddWithoutValidation("Content-Disposition", disposition);
        return content;
    }

    public static HttpContent Xml(string xml) => new StringContent(xml, Encoding.UTF8, "application/xml");

    public async Task<JsonElement> UploadAsync(JsonElement instance, string token, string dataType, HttpContent content)
    {
        using var response = await SendAsync(HttpMethod.Post, $"{PathOf(instance)}/data/type/{dataType}", token, content);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    public async Task<JsonElement> NextAsync(JsonElement instance, string token)
    {
        using var response = await SendAsync(HttpMethod.Put, $"{PathOf(instance)}/process/next", token);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    public async Task<JsonElement> GetAsync(JsonElement instance, string token)
    {
        using var response = await SendAsync(HttpMethod.Get, PathOf(instance), token);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    public IReadOnlyList<string> CloudEventTypes() => Emulator.Context.State.CloudEvents().Select(e => e.Type).ToArray();

    public IReadOnlyList<string> InstanceEventTypes(JsonElement instance) =>
        Emulator.Context.State.InstanceEvents(GuidOf(instance)).Select(e => e.EventType!).ToArray();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>A body whose length is not known up front (sent chunked), as a streaming client sends it.</summary>
internal sealed class UnknownLengthContent(long length, byte fill = 0x25) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        byte[] chunk = new byte[1024 * 1024];
        Array.Fill(chunk, fill);
        long left = length;
        while (left > 0)
        {
            int n = (int)Math.Min(chunk.Length, left);
            await stream.WriteAsync(chunk.AsMemory(0, n));
            left -= n;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
