using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>eFormidling shipment settings of an app.</summary>
public sealed partial record EFormidlingContract
{
    /// <summary>The eFormidling service id, for example <c>DPO</c> or <c>DPF</c>.</summary>
    [JsonPropertyName("serviceId")]
    public partial string? ServiceId { get; init; }

    /// <summary>The DPF shipment type.</summary>
    [JsonPropertyName("dpfShipmentType")]
    public partial string? DpfShipmentType { get; init; }

    /// <summary>The receiver's organisation number.</summary>
    [JsonPropertyName("receiver")]
    public partial string? Receiver { get; init; }

    /// <summary>The task after which the shipment is sent.</summary>
    [JsonPropertyName("sendAfterTaskId")]
    public partial string? SendAfterTaskId { get; init; }

    /// <summary>The eFormidling process identifier.</summary>
    [JsonPropertyName("process")]
    public partial string? Process { get; init; }

    /// <summary>The document standard.</summary>
    [JsonPropertyName("standard")]
    public partial string? Standard { get; init; }

    /// <summary>The version of the message type.</summary>
    [JsonPropertyName("typeVersion")]
    public partial string? TypeVersion { get; init; }

    /// <summary>The message type.</summary>
    [JsonPropertyName("type")]
    public partial string? Type { get; init; }

    /// <summary>The security level of the shipment.</summary>
    [JsonPropertyName("securityLevel")]
    public partial int? SecurityLevel { get; init; }

    /// <summary>The data types included in the shipment.</summary>
    [JsonPropertyName("dataTypes")]
    public partial IReadOnlyList<string>? DataTypes { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
