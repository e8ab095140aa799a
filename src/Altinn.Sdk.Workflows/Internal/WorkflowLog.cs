namespace Altinn.Sdk.Workflows;

/// <summary>
/// Log messages of the workflows (event ids 5000-5099): instance ids, outcomes and reasons only, never a token or a
/// national identity number.
/// </summary>
/// <remarks>Defined with <see cref="LoggerMessage"/> like the other packages (one logging generator for netstandard2.0).</remarks>
internal static class WorkflowLog
{
    private static readonly Action<ILogger, string, string, Exception?> s_warning = LoggerMessage.Define<string, string>(
        LogLevel.Warning, new EventId(5000, "WorkflowWarning"), "{Workflow}: {Warning}");

    private static readonly Action<ILogger, string, string, WorkflowOutcome, string, Exception?> s_finished = LoggerMessage.Define<string, string, WorkflowOutcome, string>(
        LogLevel.Information, new EventId(5001, "WorkflowInstanceFinished"), "{Workflow} {InstanceId}: {Outcome}: {Reason}");

    private static readonly Action<ILogger, string, string, int?, Exception?> s_failed = LoggerMessage.Define<string, string, int?>(
        LogLevel.Error, new EventId(5002, "WorkflowInstanceFailed"), "{Workflow} {InstanceId} failed (status {Status}); the other instances go on.");

    public static void Warning(ILogger logger, string workflow, string warning) => s_warning(logger, workflow, warning, null);

    public static void InstanceFinished(ILogger logger, string workflow, InstanceId instanceId, WorkflowOutcome outcome, string reason) =>
        s_finished(logger, workflow, instanceId.ToString(), outcome, reason, null);

    public static void InstanceFailed(ILogger logger, string workflow, InstanceId instanceId, int? status, Exception? exception) =>
        s_failed(logger, workflow, instanceId.ToString(), status, exception);
}
