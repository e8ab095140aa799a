namespace Altinn.Sdk.Workflows;

/// <summary>
/// Log messages of the workflows (event ids 5000-5099): instance ids, outcomes and reasons only, never a token or a
/// national identity number.
/// </summary>
/// <remarks>Source-generated with <c>[LoggerMessage]</c> like the other packages.</remarks>
internal static partial class WorkflowLog
{
    [LoggerMessage(EventId = 5000, Message = "{Workflow}: {Warning}", EventName = "WorkflowWarning")]
    public static partial void Warning(ILogger logger, LogLevel level, string workflow, string warning);

    public static void InstanceFinished(ILogger logger, string workflow, InstanceId instanceId, WorkflowOutcome outcome, string reason) =>
        InstanceFinished(logger, workflow, instanceId.ToString(), outcome, reason);

    public static void InstanceFailed(ILogger logger, string workflow, InstanceId instanceId, int? status, Exception? exception) =>
        InstanceFailed(logger, workflow, instanceId.ToString(), status, exception);

    [LoggerMessage(5001, LogLevel.Information, "{Workflow} {InstanceId}: {Outcome}: {Reason}", EventName = "WorkflowInstanceFinished")]
    private static partial void InstanceFinished(ILogger logger, string workflow, string instanceId, WorkflowOutcome outcome, string reason);

    [LoggerMessage(5002, LogLevel.Error, "{Workflow} {InstanceId} failed (status {Status}); the other instances go on.", EventName = "WorkflowInstanceFailed")]
    private static partial void InstanceFailed(ILogger logger, string workflow, string instanceId, int? status, Exception? exception);
}
