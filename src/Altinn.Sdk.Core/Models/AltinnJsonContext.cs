namespace Altinn.Sdk.Models;

/// <summary>
/// The source-generated JSON metadata for every Altinn model, usable without reflection (trimming and AOT).
/// </summary>
/// <remarks>
/// <para>Names are camelCase and read case-insensitively; numbers may be read from strings; <see langword="null"/>
/// properties are left out when writing (as Storage does). Enums are read as numbers (App API) or names (Storage)
/// and written as names; dates are written as UTC with <c>Z</c>, see <see cref="AltinnDateTimeOffsetConverter"/>.</para>
/// <para>Use it as <c>JsonSerializer.Deserialize(json, AltinnJsonContext.Default.Instance)</c>. Invalid JSON and
/// values the models cannot hold (wrong types, unknown enum values, invalid dates or ids, numbers out of range, nesting
/// deeper than 64) fail with a <see cref="JsonException"/>, never another exception.</para>
/// </remarks>
// Every model property is declared once, public and init-only (`public partial T Name { get; init; }` with its wire
// attributes), and bound to JSON through an internal settable twin ("{Name}OnWire") that the build generates into
// obj/ (WireTwins.targets): the source generator reads init-only properties like constructor arguments, into a
// boxed object[] per object, which made an instance page 1.4x to 1.7x slower to read (bench/README.md, json-page).
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = new[] { typeof(AltinnDateTimeOffsetConverter) })]
[JsonSerializable(typeof(Instance))]
[JsonSerializable(typeof(InstanceOwner))]
[JsonSerializable(typeof(Party))]
[JsonSerializable(typeof(ResourceLinks))]
[JsonSerializable(typeof(ProcessState))]
[JsonSerializable(typeof(ProcessElementInfo))]
[JsonSerializable(typeof(InstanceStatus))]
[JsonSerializable(typeof(Substatus))]
[JsonSerializable(typeof(CompleteConfirmation))]
[JsonSerializable(typeof(DataElement))]
[JsonSerializable(typeof(KeyValueEntry))]
[JsonSerializable(typeof(Reference))]
[JsonSerializable(typeof(ApplicationMetadata))]
[JsonSerializable(typeof(DataType))]
[JsonSerializable(typeof(ApplicationLogic))]
[JsonSerializable(typeof(InstanceEvent))]
[JsonSerializable(typeof(PlatformUser))]
[JsonSerializable(typeof(ProcessHistoryItem))]
[JsonSerializable(typeof(InstanceQueryResponse))]
[JsonSerializable(typeof(DataElementList))]
[JsonSerializable(typeof(InstanceEventList))]
[JsonSerializable(typeof(ProcessHistoryList))]
[JsonSerializable(typeof(ApplicationList))]
[JsonSerializable(typeof(ReadStatus))]
[JsonSerializable(typeof(FileScanResult))]
[JsonSerializable(typeof(PartyType))]
[JsonSerializable(typeof(SimpleInstance))]
[JsonSerializable(typeof(TextResource))]
[JsonSerializable(typeof(IReadOnlyList<SimpleInstance>))]
[JsonSerializable(typeof(IReadOnlyList<Instance>))]
[JsonSerializable(typeof(IReadOnlyList<DataElement>))]
[JsonSerializable(typeof(IReadOnlyList<DataType>))]
[JsonSerializable(typeof(IReadOnlyList<InstanceEvent>))]
[JsonSerializable(typeof(IReadOnlyList<ApplicationMetadata>))]
[JsonSerializable(typeof(IReadOnlyList<KeyValueEntry>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class AltinnJsonContext : JsonSerializerContext
{
}
