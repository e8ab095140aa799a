using Altinn.Sdk.Models;
using Altinn.Sdk.Testing.State;

namespace Altinn.Sdk.Testing.Tests.Platform;

public class DemoSeedTests
{
    [Fact]
    public async Task The_demo_seed_creates_the_documented_app_parties_and_instances_in_every_state()
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        var state = emulator.Context.State;

        var app = state.FindApp("ttd/demo-app")!;
        app.Tasks.Should().Equal(new EmulatorTask("Task_1", "data"), new EmulatorTask("Task_2", "confirmation"));
        app.OrgMayDelete.Should().BeTrue();
        app.Metadata.DataTypes!.Select(t => t.Id).Should().Equal("ref-data-as-pdf", "model", "vedleggA");
        var model = app.FindDataType("model")!;
        model.IsFormData.Should().BeTrue();
        model.AppLogic!.AutoCreate.Should().BeTrue();
        model.TaskId.Should().Be("Task_1");
        model.AllowedContentTypes.Should().Equal("application/xml");
        (model.MaxCount, model.MinCount).Should().Be((1, 1));
        var vedleggA = app.FindDataType("vedleggA")!;
        vedleggA.IsFormData.Should().BeFalse();
        (vedleggA.MaxSize, vedleggA.MaxCount).Should().Be((25, 5));
        vedleggA.AppLogic!.AutoDeleteOnProcessEnd.Should().BeTrue();
        state.FindParty(50006000)!.OrganisationNumber.Should().Be("312345676");
        state.FindParty(50001337)!.PersonNumber.Should().Be("01017012343");
        state.FindUser(1337)!.Represents.Should().BeEquivalentTo([50001337, 50006000]);

        Instance Get(Guid guid) => state.Find(guid)!.Instance;
        state.InstanceCount.Should().Be(7);
        Get(DemoSeed.DraftFrom2020).Created!.Value.Year.Should().Be(2020);
        Get(DemoSeed.DraftFrom2020).Process!.CurrentTask!.ElementId.Should().Be("Task_1");
        Get(DemoSeed.DraftThisYear).Created!.Value.Year.Should().Be(emulator.Clock.GetUtcNow().Year);
        Get(DemoSeed.DraftThisYear).Process!.CurrentTask!.ElementId.Should().Be("Task_1");
        Get(DemoSeed.InConfirmation).Process!.CurrentTask!.AltinnTaskType.Should().Be("confirmation");
        Get(DemoSeed.CompletedNotConfirmed).IsComplete.Should().BeTrue();
        Get(DemoSeed.CompletedNotConfirmed).CompleteConfirmations.Should().BeNull();
        Get(DemoSeed.CompletedNotConfirmed).Status!.Substatus!.Label.Should().Be("Mottatt");
        Get(DemoSeed.CompletedAndConfirmed).CompleteConfirmations.Should().ContainSingle().Which.StakeholderId.Should().Be("ttd");
        Get(DemoSeed.SoftDeleted).Status!.IsSoftDeleted.Should().BeTrue();
        Get(DemoSeed.SoftDeleted).Status!.IsHardDeleted.Should().BeFalse();
        Get(DemoSeed.HardDeleted).Status!.IsHardDeleted.Should().BeTrue();

        foreach (var (instance, _) in state.Snapshot())
        {
            instance.Data.Should().NotBeEmpty();
            foreach (var element in instance.Data!)
            {
                state.Blobs.Exists(instance.Id!.InstanceGuid, element.Id).Should().BeTrue();
                element.Size.Should().Be(new FileInfo(state.Blobs.PathOf(instance.Id.InstanceGuid, element.Id)).Length);
            }

            state.InstanceEvents(instance.Id!.InstanceGuid).Should().Contain(e => e.EventType == "Created");
        }

        // Storage's documented draft clean-up query finds the 2020 draft only.
        state.Snapshot().Select(s => s.Instance)
            .Where(i => i.Created <= new DateTimeOffset(2020, 9, 30, 23, 59, 59, TimeSpan.Zero) && i.Process?.CurrentTask?.ElementId == "Task_1")
            .Select(i => i.Id!.InstanceGuid).Should().Equal(DemoSeed.DraftFrom2020);
    }

    [Fact]
    public async Task The_demo_seed_adds_no_instances_to_a_store_that_has_some()
    {
        string folder = Directory.CreateTempSubdirectory("emulator-seed-").FullName;
        try
        {
            await using (var first = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { DataDirectory = folder, SeedDemo = true }))
            {
                first.Context.State.Remove(DemoSeed.HardDeleted).Should().BeTrue();
            }

            await using var second = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { DataDirectory = folder, SeedDemo = true });
            second.Context.State.InstanceCount.Should().Be(6);
            second.Context.State.Find(DemoSeed.HardDeleted).Should().BeNull();
            second.Context.State.FindUser(1337).Should().NotBeNull();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
