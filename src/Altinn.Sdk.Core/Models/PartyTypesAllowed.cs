using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>The kinds of party that may own instances of an app; all <see langword="false"/> means all kinds.</summary>
public sealed partial record PartyTypesAllowed
{
    /// <summary>Bankruptcy estates.</summary>
    [JsonPropertyName("bankruptcyEstate")]
    public partial bool BankruptcyEstate { get; init; }

    /// <summary>Organisations.</summary>
    [JsonPropertyName("organisation")]
    public partial bool Organisation { get; init; }

    /// <summary>Persons.</summary>
    [JsonPropertyName("person")]
    public partial bool Person { get; init; }

    /// <summary>Sub-units of organisations.</summary>
    [JsonPropertyName("subUnit")]
    public partial bool SubUnit { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
