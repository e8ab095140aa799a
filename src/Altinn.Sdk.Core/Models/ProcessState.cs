using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>Where an instance is in the app's BPMN process.</summary>
/// <remarks>
/// The App API's process endpoints return a richer <c>AppProcessState</c> (actions, process tasks); those extra
/// properties are kept as unknown properties and written back unchanged.
/// </remarks>
public sealed record ProcessState
{
    /// <summary>When the process started (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? Started { get => StartedOnWire; init => StartedOnWire = value; }

    [JsonInclude, JsonPropertyName("started")]
    internal DateTimeOffset? StartedOnWire { get; set; }

    /// <summary>The id of the start event the process began with.</summary>
    [JsonIgnore]
    public string? StartEvent { get => StartEventOnWire; init => StartEventOnWire = value; }

    [JsonInclude, JsonPropertyName("startEvent"), JsonConverter(typeof(RepeatedStringConverter))]
    internal string? StartEventOnWire { get; set; }

    /// <summary>The task the instance is in; absent before the process starts and after it ends.</summary>
    [JsonIgnore]
    public ProcessElementInfo? CurrentTask { get => CurrentTaskOnWire; init => CurrentTaskOnWire = value; }

    [JsonInclude, JsonPropertyName("currentTask")]
    internal ProcessElementInfo? CurrentTaskOnWire { get; set; }

    /// <summary>When the process reached an end event (UTC); set means the process is complete.</summary>
    [JsonIgnore]
    public DateTimeOffset? Ended { get => EndedOnWire; init => EndedOnWire = value; }

    [JsonInclude, JsonPropertyName("ended")]
    internal DateTimeOffset? EndedOnWire { get; set; }

    /// <summary>The id of the end event the process reached.</summary>
    [JsonIgnore]
    public string? EndEvent { get => EndEventOnWire; init => EndEventOnWire = value; }

    [JsonInclude, JsonPropertyName("endEvent"), JsonConverter(typeof(RepeatedStringConverter))]
    internal string? EndEventOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A process element (normally the current task) and when the instance entered it.</summary>
public sealed record ProcessElementInfo
{
    /// <summary>The sequence number of this step in the process flow.</summary>
    [JsonIgnore]
    public int? Flow { get => FlowOnWire; init => FlowOnWire = value; }

    [JsonInclude, JsonPropertyName("flow")]
    internal int? FlowOnWire { get; set; }

    /// <summary>When the instance entered the element (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? Started { get => StartedOnWire; init => StartedOnWire = value; }

    [JsonInclude, JsonPropertyName("started")]
    internal DateTimeOffset? StartedOnWire { get; set; }

    /// <summary>The BPMN element id, for example <c>Task_1</c>.</summary>
    [JsonIgnore]
    public string? ElementId { get => ElementIdOnWire; init => ElementIdOnWire = value; }

    [JsonInclude, JsonPropertyName("elementId"), JsonConverter(typeof(RepeatedStringConverter))]
    internal string? ElementIdOnWire { get; set; }

    /// <summary>The element's display name.</summary>
    [JsonIgnore]
    public string? Name { get => NameOnWire; init => NameOnWire = value; }

    [JsonInclude, JsonPropertyName("name"), JsonConverter(typeof(RepeatedStringConverter))]
    internal string? NameOnWire { get; set; }

    /// <summary>
    /// The Altinn task type: <c>data</c>, <c>confirmation</c>, <c>signing</c>, <c>payment</c>, <c>feedback</c>,
    /// <c>pdf</c>, <c>eFormidling</c>, <c>fiksArkiv</c>, <c>subformPdf</c> or a custom type.
    /// </summary>
    [JsonIgnore]
    public string? AltinnTaskType { get => AltinnTaskTypeOnWire; init => AltinnTaskTypeOnWire = value; }

    [JsonInclude, JsonPropertyName("altinnTaskType"), JsonConverter(typeof(RepeatedStringConverter))]
    internal string? AltinnTaskTypeOnWire { get; set; }

    /// <summary>When the instance left the element (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? Ended { get => EndedOnWire; init => EndedOnWire = value; }

    [JsonInclude, JsonPropertyName("ended")]
    internal DateTimeOffset? EndedOnWire { get; set; }

    /// <summary>The last validation of the task; obsolete in Altinn and rarely set.</summary>
    [Obsolete("Altinn no longer maintains the validation status of a task; validate through the App API instead.")]
    [JsonIgnore]
    public ValidationStatus? Validated { get => ValidatedOnWire; init => ValidatedOnWire = value; }

    [JsonInclude, JsonPropertyName("validated")]
    internal ValidationStatus? ValidatedOnWire { get; set; }

    /// <summary>How the process moved into the element: <c>CompleteCurrentMoveToNext</c> or <c>AbandonCurrentMoveToNext</c>.</summary>
    [JsonIgnore]
    public string? FlowType { get => FlowTypeOnWire; init => FlowTypeOnWire = value; }

    [JsonInclude, JsonPropertyName("flowType"), JsonConverter(typeof(RepeatedStringConverter))]
    internal string? FlowTypeOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The obsolete validation status of a task.</summary>
public sealed record ValidationStatus
{
    /// <summary>When the task was validated (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? Timestamp { get => TimestampOnWire; init => TimestampOnWire = value; }

    [JsonInclude, JsonPropertyName("timestamp")]
    internal DateTimeOffset? TimestampOnWire { get; set; }

    /// <summary>Whether the validation allowed the task to be completed.</summary>
    [JsonIgnore]
    public bool CanCompleteTask { get => CanCompleteTaskOnWire; init => CanCompleteTaskOnWire = value; }

    [JsonInclude, JsonPropertyName("canCompleteTask")]
    internal bool CanCompleteTaskOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
