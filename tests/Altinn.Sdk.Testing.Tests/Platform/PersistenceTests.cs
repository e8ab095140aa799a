using System.Text.Json;
using System.Text.Json.Nodes;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing.Hosting;

namespace Altinn.Sdk.Testing.Tests.Platform;

public sealed class PersistenceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("emulator-data-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task State_survives_a_restart_on_the_same_data_folder()
    {
        var guid = Guid.NewGuid();
        var dataGuid = Guid.NewGuid();
        var instanceId = new InstanceId(50006000, guid);
        Instance stored;
        await using (var emulator = await Start())
        {
            var state = emulator.Context.State;
            emulator.AddApp(
                new ApplicationMetadata { Id = "ttd/persisted-app", DataTypes = [new DataType { Id = "model", AllowedContentTypes = ["application/xml"] }] },
                [new EmulatorTask("Task_1"), new EmulatorTask("Task_2", "signing")],
                orgMayDelete: false);
            emulator.AddOrganisationParty(50006000, "312345678", "Persisted AS");
            emulator.AddPersonParty(50001337, "01017012345", "Sophie Salt");
            emulator.AddUser(1337, 50001337, 50006000);
            using (var content = new MemoryStream("<Skjema/>"u8.ToArray()))
            {
                await state.Blobs.WriteAsync(guid, dataGuid, content, null, default);
            }

            state.Insert(new Instance
            {
                Id = instanceId,
                InstanceOwner = new InstanceOwner { PartyId = "50006000", OrganisationNumber = "312345678" },
                AppId = AppId.Parse("ttd/persisted-app"),
                Org = "ttd",
                Process = new ProcessState { Started = emulator.Clock.GetUtcNow(), CurrentTask = new ProcessElementInfo { ElementId = "Task_1", AltinnTaskType = "data", Flow = 1 } },
                Status = new InstanceStatus { ReadStatus = ReadStatus.Read },
                Data = [new DataElement { Id = dataGuid, InstanceGuid = guid, DataType = "model", ContentType = "application/xml", Size = 9 }],
                Created = emulator.Clock.GetUtcNow(),
                CreatedBy = "1337",
                LastChanged = emulator.Clock.GetUtcNow(),
                LastChangedBy = "1337",
            });
            state.Update(guid, i => i with { Status = i.Status! with { Substatus = new Substatus { Label = "Godkjent" } } });
            state.AddInstanceEvent(guid, new InstanceEvent { InstanceId = instanceId.ToString(), EventType = "Created", InstanceOwnerPartyId = "50006000", User = new PlatformUser { UserId = 1337 } });
            var instance = state.Find(guid)!.Instance;
            state.PublishAppEvent(instance, "app.instance.created", emulator.AppBaseUrl(instance.AppId!), "/org/312345678");
            state.PublishAppEvent(instance, "app.instance.process.movedTo.Task_2", emulator.AppBaseUrl(instance.AppId!), null);
            stored = instance;

            // The file holds the instance exactly as Storage returns it (its dialect, with self links).
            string file = Path.Combine(_folder, "instances", "50006000", guid + ".json");
            var expected = JsonNode.Parse(JsonSerializer.Serialize(emulator.Context.WithLinks(instance), EmulatorJson.Storage));
            JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(file)), expected).Should().BeTrue();
        }

        await using (var restarted = await Start())
        {
            var state = restarted.Context.State;
            var app = state.FindApp("ttd/persisted-app")!;
            app.Tasks.Should().Equal(new EmulatorTask("Task_1"), new EmulatorTask("Task_2", "signing"));
            app.OrgMayDelete.Should().BeFalse();
            app.FindDataType("model")!.AllowedContentTypes.Should().Equal("application/xml");
            state.FindParty(50006000)!.Name.Should().Be("Persisted AS");
            state.FindUser(1337)!.Represents.Should().BeEquivalentTo([50001337, 50006000]);

            var back = state.Find(guid)!.Instance;
            JsonSerializer.Serialize(back, EmulatorJson.Storage).Should().Be(JsonSerializer.Serialize(stored, EmulatorJson.Storage));
            back.Status!.Substatus!.Label.Should().Be("Godkjent");
            state.InstanceEvents(guid).Should().ContainSingle().Which.EventType.Should().Be("Created");
            state.Blobs.Exists(guid, dataGuid).Should().BeTrue();
            var feed = state.CloudEvents();
            feed.Select(e => e.Type).Should().Equal("app.instance.created", "app.instance.process.movedTo.Task_2");
            feed.Select(e => e.Sequence).Should().Equal(1, 2);
            feed[0].AlternativeSubject.Should().Be("/org/312345678");
            feed[0].ResourceInstance.Should().Be(instanceId.ToString());

            // New events continue the sequence and the file.
            state.PublishAppEvent(back, "app.instance.process.completed", restarted.AppBaseUrl(back.AppId!), null).Sequence.Should().Be(3);
            File.ReadAllLines(Path.Combine(_folder, "events", "feed.jsonl")).Should().HaveCount(3);

            state.Remove(guid).Should().BeTrue();
            File.Exists(Path.Combine(_folder, "instances", "50006000", guid + ".json")).Should().BeFalse();
            File.Exists(Path.Combine(_folder, "instances", "50006000", guid + ".events.json")).Should().BeFalse();
        }

        await using var third = await Start();
        third.Context.State.Find(guid).Should().BeNull();
    }

    [Fact]
    public async Task Files_dropped_into_the_folder_are_loaded_with_their_dates_kept()
    {
        var guid = Guid.Parse("0b1d0000-0000-4000-8000-000000000001");
        Directory.CreateDirectory(Path.Combine(_folder, "apps", "ttd", "old-app"));
        File.WriteAllText(Path.Combine(_folder, "apps", "ttd", "old-app", "applicationmetadata.json"), """{"id":"ttd/old-app","org":"ttd","dataTypes":[{"id":"model","allowedContentTypes":["application/xml"]}]}""");
        File.WriteAllText(Path.Combine(_folder, "apps", "ttd", "old-app", "process.json"), """["Task_1", {"id":"Task_2","type":"confirmation"}]""");
        Directory.CreateDirectory(Path.Combine(_folder, "instances", "50006000"));
        File.WriteAllText(Path.Combine(_folder, "instances", "50006000", guid + ".json"), $$"""
            {
              "id": "50006000/{{guid}}",
              "instanceOwner": { "partyId": "50006000", "organisationNumber": "312345678" },
              "appId": "ttd/old-app",
              "org": "ttd",
              "selfLinks": { "platform": "https://platform.altinn.no/storage/api/v1/instances/50006000/{{guid}}" },
              "process": { "started": "2019-03-01T12:00:00Z", "currentTask": { "elementId": "Task_1", "altinnTaskType": "data" } },
              "status": { "readStatus": "Read" },
              "data": [],
              "created": "2019-03-01T12:00:00Z",
              "createdBy": "1337",
              "lastChanged": "2019-03-02T08:30:00.123Z",
              "lastChangedBy": "1337"
            }
            """);
        File.WriteAllText(
            Path.Combine(_folder, "instances", "50006000", guid + ".events.json"),
            "{\"instanceEvents\":[{\"id\":\"" + Guid.NewGuid() + "\",\"instanceId\":\"50006000/" + guid + "\",\"eventType\":\"Created\",\"created\":\"2019-03-01T12:00:00Z\",\"user\":{\"userId\":1337,\"authenticationLevel\":2}}]}");
        Directory.CreateDirectory(Path.Combine(_folder, "events"));
        File.WriteAllText(Path.Combine(_folder, "events", "feed.jsonl"),
            """{"specversion":"1.0","id":"e1","source":"https://ttd.apps.altinn.no/ttd/old-app/instances/50006000/x","type":"app.instance.created","subject":"/party/50006000","time":"2019-03-01T12:00:00Z","resource":"urn:altinn:resource:app_ttd_old-app"}""" + "\n{\"specversion\":\"1.0\",\"id\":\"torn");

        await using var emulator = await Start();
        var state = emulator.Context.State;

        var instance = state.Find(guid)!.Instance;
        instance.Created.Should().Be(new DateTimeOffset(2019, 3, 1, 12, 0, 0, TimeSpan.Zero));
        instance.LastChanged.Should().Be(new DateTimeOffset(2019, 3, 2, 8, 30, 0, 123, TimeSpan.Zero));
        instance.SelfLinks.Should().BeNull("Storage adds this emulator's links when it returns the instance");
        state.InstanceEvents(guid).Should().ContainSingle().Which.Created.Should().Be(new DateTimeOffset(2019, 3, 1, 12, 0, 0, TimeSpan.Zero));
        state.FindApp("ttd/old-app")!.Tasks.Should().Equal(new EmulatorTask("Task_1"), new EmulatorTask("Task_2", "confirmation"));
        state.FindApp("ttd/old-app")!.OrgMayDelete.Should().BeTrue();
        state.CloudEvents().Should().ContainSingle().Which.Time.Should().Be(new DateTimeOffset(2019, 3, 1, 12, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_broken_file_stops_the_start_with_its_name()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "instances", "50006000"));
        string path = Path.Combine(_folder, "instances", "50006000", Guid.NewGuid() + ".json");
        File.WriteAllText(path, "{ not json");

        var act = () => Start();

        (await act.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain(path);
    }

    private Task<AltinnEmulator> Start() => AltinnEmulator.StartAsync(new AltinnEmulatorOptions { DataDirectory = _folder });
}
