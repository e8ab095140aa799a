namespace Altinn.Sdk.Models;

/// <summary>eFormidling shipment settings of an app.</summary>
public sealed partial record EFormidlingContract
{
    /// <summary>The eFormidling service id, for example <c>DPO</c> or <c>DPF</c>.</summary>
    public partial string? ServiceId { get; init; }

    /// <summary>The DPF shipment type.</summary>
    public partial string? DpfShipmentType { get; init; }

    /// <summary>The receiver's organisation number.</summary>
    public partial string? Receiver { get; init; }

    /// <summary>The task after which the shipment is sent.</summary>
    public partial string? SendAfterTaskId { get; init; }

    /// <summary>The eFormidling process identifier.</summary>
    public partial string? Process { get; init; }

    /// <summary>The document standard.</summary>
    public partial string? Standard { get; init; }

    /// <summary>The version of the message type.</summary>
    public partial string? TypeVersion { get; init; }

    /// <summary>The message type.</summary>
    public partial string? Type { get; init; }

    /// <summary>The security level of the shipment.</summary>
    public partial int? SecurityLevel { get; init; }

    /// <summary>The data types included in the shipment.</summary>
    public partial IReadOnlyList<string>? DataTypes { get; init; }
}
