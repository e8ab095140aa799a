using static Altinn.Sdk.Apps.Tests.AppsHarness;

namespace Altinn.Sdk.Apps.Tests;

/// <summary>The app's process description (<c>api/v1/meta/process</c>) through <see cref="AppMetadataClient.GetProcessAsync(AltinnRequestOptions?, CancellationToken)"/>.</summary>
public sealed class ProcessDescriptionTests : IAsyncLifetime
{
    private AppsHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task The_demo_apps_process_is_its_tasks_in_order_with_their_types_and_actions()
    {
        AppProcessDescription process = await _h.Demo.Metadata.GetProcessAsync();

        process.Tasks.Select(t => (t.Id, t.TaskType)).Should().Equal(("Task_1", "data"), ("Task_2", "confirmation"));
        process.Tasks[0].Actions.Should().BeEmpty();
        process.Tasks[1].Actions.Should().Equal("confirm");
        process.Tasks[0].Name.Should().NotBeNullOrEmpty();
        process.Gateways.Should().BeEmpty();
        process.Bpmn.Should().Contain("altinn:taskExtension");
        _h.AppRequests().Should().Contain(r => r.PathAndQuery == "/ttd/demo-app/api/v1/meta/process" && r.Status == 200);
    }

    [Fact]
    public void A_gateway_becomes_branches_and_tasks_follow_the_flows_not_the_document_order()
    {
        const string bpmn = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:altinn="http://altinn.no/process" id="D" targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="P" isExecutable="false">
                <bpmn:endEvent id="End"><bpmn:incoming>f4</bpmn:incoming><bpmn:incoming>f5</bpmn:incoming></bpmn:endEvent>
                <bpmn:task id="Sign" name="Signering">
                  <bpmn:extensionElements><altinn:taskExtension><altinn:taskType>signing</altinn:taskType>
                    <altinn:actions><altinn:action>sign</altinn:action><altinn:action type="serverAction">reject</altinn:action></altinn:actions>
                  </altinn:taskExtension></bpmn:extensionElements>
                </bpmn:task>
                <bpmn:startEvent id="Start" />
                <bpmn:task id="Fill" name="Utfylling"><bpmn:extensionElements><altinn:taskExtension><altinn:taskType>data</altinn:taskType></altinn:taskExtension></bpmn:extensionElements></bpmn:task>
                <bpmn:exclusiveGateway id="G" name="Trenger signatur?" />
                <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Fill" />
                <bpmn:sequenceFlow id="f2" sourceRef="Fill" targetRef="G" />
                <bpmn:sequenceFlow id="f3" sourceRef="G" targetRef="Sign"><bpmn:conditionExpression>["equals", ["dataModel", "Signer"], true]</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="f5" sourceRef="G" targetRef="End" />
                <bpmn:sequenceFlow id="f4" sourceRef="Sign" targetRef="End" />
              </bpmn:process>
            </bpmn:definitions>
            """;

        AppProcessDescription process = AppProcessDescription.Parse(bpmn);

        process.Tasks.Select(t => t.Id).Should().Equal("Fill", "Sign");
        process.Tasks[1].Name.Should().Be("Signering");
        process.Tasks[1].TaskType.Should().Be("signing");
        process.Tasks[1].Actions.Should().Equal("sign", "reject");
        var gateway = process.Gateways.Should().ContainSingle().Subject;
        gateway.Id.Should().Be("G");
        gateway.Name.Should().Be("Trenger signatur?");
        gateway.Branches.Select(b => (b.FlowId, b.TargetId)).Should().Equal(("f3", "Sign"), ("f5", "End"));
        gateway.Branches[0].Condition.Should().Be("[\"equals\", [\"dataModel\", \"Signer\"], true]");
        gateway.Branches[1].Condition.Should().BeNull();
        process.Bpmn.Should().Be(bpmn);
    }

    [Fact]
    public void A_document_that_is_not_bpmn_fails_with_a_format_error()
    {
        FluentActions.Invoking(() => AppProcessDescription.Parse("<html/>")).Should().Throw<FormatException>();
        FluentActions.Invoking(() => AppProcessDescription.Parse("<!DOCTYPE x [<!ENTITY e \"x\">]><x>&e;</x>")).Should().Throw<FormatException>();
    }
}
