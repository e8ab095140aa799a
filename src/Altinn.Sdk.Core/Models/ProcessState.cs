namespace Altinn.Sdk.Models;

/// <summary>Where an instance is in the app's BPMN process.</summary>
/// <remarks>
/// The App API's process endpoints return a richer <c>AppProcessState</c> (actions, process tasks); those extra
/// properties are kept as unknown properties and written back unchanged.
/// </remarks>
public sealed partial record ProcessState
{
    /// <summary>When the process started (UTC).</summary>
    public partial DateTimeOffset? Started { get; init; }

    /// <summary>The id of the start event the process began with.</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? StartEvent { get; init; }

    /// <summary>The task the instance is in; absent before the process starts and after it ends.</summary>
    public partial ProcessElementInfo? CurrentTask { get; init; }

    /// <summary>When the process reached an end event (UTC); set means the process is complete.</summary>
    public partial DateTimeOffset? Ended { get; init; }

    /// <summary>The id of the end event the process reached.</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? EndEvent { get; init; }
}

/// <summary>A process element (normally the current task) and when the instance entered it.</summary>
public sealed partial record ProcessElementInfo
{
    /// <summary>The sequence number of this step in the process flow.</summary>
    public partial int? Flow { get; init; }

    /// <summary>When the instance entered the element (UTC).</summary>
    public partial DateTimeOffset? Started { get; init; }

    /// <summary>The BPMN element id, for example <c>Task_1</c>.</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? ElementId { get; init; }

    /// <summary>The element's display name.</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? Name { get; init; }

    /// <summary>
    /// The Altinn task type: <c>data</c>, <c>confirmation</c>, <c>signing</c>, <c>payment</c>, <c>feedback</c>,
    /// <c>pdf</c>, <c>eFormidling</c>, <c>fiksArkiv</c>, <c>subformPdf</c> or a custom type.
    /// </summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? AltinnTaskType { get; init; }

    /// <summary>When the instance left the element (UTC).</summary>
    public partial DateTimeOffset? Ended { get; init; }

    /// <summary>The last validation of the task; obsolete in Altinn and rarely set.</summary>
    [Obsolete("Altinn no longer maintains the validation status of a task; validate through the App API instead.")]
    public partial ValidationStatus? Validated { get; init; }

    /// <summary>How the process moved into the element: <c>CompleteCurrentMoveToNext</c> or <c>AbandonCurrentMoveToNext</c>.</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? FlowType { get; init; }
}

/// <summary>The obsolete validation status of a task.</summary>
public sealed partial record ValidationStatus
{
    /// <summary>When the task was validated (UTC).</summary>
    public partial DateTimeOffset? Timestamp { get; init; }

    /// <summary>Whether the validation allowed the task to be completed.</summary>
    public partial bool CanCompleteTask { get; init; }
}
