using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Models;

/// <summary>
/// The tests that fill the process-wide registry of unknown enum values (the fuzz tests) and those that count on it
/// (the unknown-value tests) run one after another, so a fuzz run cannot use up the bound a test counts against.
/// </summary>
[CollectionDefinition(Name)]
public sealed class UnknownEnumRegistry
{
    public const string Name = "Unknown enum value registry";

    /// <summary>Starts every converted enum from an empty registry.</summary>
    public static void Forget()
    {
        WireEnumConverter<ReadStatus>.ForgetUnknownValues();
        WireEnumConverter<FileScanResult>.ForgetUnknownValues();
        WireEnumConverter<ReferenceRelation>.ForgetUnknownValues();
        WireEnumConverter<ReferenceValueType>.ForgetUnknownValues();
        WireEnumConverter<PartyType>.ForgetUnknownValues();
    }
}
