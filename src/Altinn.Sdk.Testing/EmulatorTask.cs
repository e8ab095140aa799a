namespace Altinn.Sdk.Testing;

/// <summary>A task in an emulated app's process.</summary>
/// <param name="Id">The BPMN element id, for example <c>Task_1</c>.</param>
/// <param name="Type">The Altinn task type: <c>data</c> (default), <c>confirmation</c>, <c>signing</c>, <c>feedback</c>, ...</param>
public sealed record EmulatorTask(string Id, string Type = "data");
