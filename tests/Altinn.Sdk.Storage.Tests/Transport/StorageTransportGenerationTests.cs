using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Altinn.Sdk.Internal;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage.Transport;

namespace Altinn.Sdk.Storage.Tests.Transport;

/// <summary>Checks that the transport in the assembly is the one generated from openapi/storage.yaml, and how.</summary>
public sealed partial class StorageTransportGenerationTests
{
    private static readonly Assembly s_storage = typeof(StorageTransport).Assembly;

    [GeneratedRegex(@"^\s*operationId:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex OperationId();

    private static IReadOnlyList<string> OperationIds()
    {
        string yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi", "storage.yaml"));
        return OperationId().Matches(yaml).Select(m => m.Groups[1].Value).ToList();
    }

    private static IEnumerable<MethodInfo> OperationMethods() =>
        typeof(StorageTransport).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal));

    [Fact]
    public void Every_operation_in_the_document_is_a_generated_method_and_nothing_else_is()
    {
        IReadOnlyList<string> operations = OperationIds();
        operations.Should().HaveCount(28);

        OperationMethods().Select(m => m.Name).Should().BeEquivalentTo(operations.Select(o => o + "Async"));
    }

    [Fact]
    public void Generated_methods_use_Core_models_and_the_document_parameter_names()
    {
        MethodInfo query = typeof(StorageTransport).GetMethod(nameof(StorageTransport.QueryInstancesAsync))!;
        query.ReturnType.Should().Be(typeof(Task<InstanceQueryResponse>));
        query.GetParameters().Select(p => p.Name).Should().Contain(new[]
        {
            "org", "appId", "instanceOwner_partyId", "x_Ai_InstanceOwnerIdentifier", "process_currentTask", "process_isComplete",
            "process_ended", "process_endEvent", "created", "lastChanged", "dueBefore", "visibleAfter", "status_isArchived",
            "status_isSoftDeleted", "status_isHardDeleted", "excludeConfirmedBy", "confirmed", "mainVersionInclude",
            "mainVersionExclude", "a3Ref", "dataValues_A2ArchRef", "searchString", "order", "includeDataElements", "size",
            "continuationToken", "cancellationToken",
        });
        query.GetParameters().Single(p => p.Name == "created").ParameterType.Should().Be(typeof(IEnumerable<string>));

        typeof(StorageTransport).GetMethod(nameof(StorageTransport.GetInstanceAsync))!.ReturnType.Should().Be(typeof(Task<Instance>));
        typeof(StorageTransport).GetMethod(nameof(StorageTransport.GetApplicationAsync))!.ReturnType.Should().Be(typeof(Task<ApplicationMetadata>));
        typeof(StorageTransport).GetMethod(nameof(StorageTransport.DownloadDataAsync))!.ReturnType.Should().Be(typeof(Task<FileResponse>));
    }

    [Fact]
    public void The_generated_client_and_exceptions_derive_from_the_shared_base_types()
    {
        typeof(StorageTransport).BaseType.Should().Be(typeof(AltinnTransport));
        typeof(StorageTransportException).BaseType.Should().Be(typeof(AltinnTransportException));
        typeof(StorageTransportException<string>).BaseType.Should().Be(typeof(StorageTransportException));
    }

    [Fact]
    public void Nothing_generated_is_public()
    {
        s_storage.GetTypes().Where(t => t.Namespace == typeof(StorageTransport).Namespace)
            .Should().NotBeEmpty().And.OnlyContain(t => !t.IsVisible);
        s_storage.GetExportedTypes().Should().NotContain(t => t.Namespace == typeof(StorageTransport).Namespace);
    }

    [Fact]
    public void Every_request_and_response_type_has_source_generated_metadata()
    {
        var options = new SettingsProbe().Settings;
        options.IsReadOnly.Should().BeTrue();

        var types = OperationMethods()
            .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType.GetGenericArguments().Single()))
            .Where(t => t.Namespace is "Altinn.Sdk.Models" or "Altinn.Sdk.Storage.Transport" && !t.IsEnum && t != typeof(FileResponse))
            .Distinct()
            .ToList();
        types.Should().Contain(new[] { typeof(Substatus), typeof(PresentationTexts), typeof(DataValues), typeof(Instance), typeof(InstanceQueryResponse) });

        foreach (Type type in types)
        {
            options.GetTypeInfo(type).Should().NotBeNull(type.Name);
        }

        options.TypeInfoResolver!.GetTypeInfo(typeof(Uri), options).Should().BeNull("only the SDK's own types are known, so nothing falls back to reflection");
    }

    [Fact]
    public void The_transport_writes_JSON_exactly_as_Core_does()
    {
        var instance = new Instance
        {
            Org = "ttd",
            Status = new InstanceStatus { ReadStatus = ReadStatus.Read, Substatus = new Substatus { Label = "x" } },
            LastChanged = new DateTimeOffset(2024, 5, 1, 12, 15, 30, TimeSpan.FromHours(2)),
        };

        JsonSerializer.Serialize(instance, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Instance>)new SettingsProbe().Settings.GetTypeInfo(typeof(Instance)))
            .Should().Be(JsonSerializer.Serialize(instance, AltinnJsonContext.Default.Instance));

        JsonSerializer.Serialize(new PresentationTexts { Texts = new Dictionary<string, string?> { ["Tittel"] = null } }, StorageTransportJsonContext.Default.PresentationTexts)
            .Should().Be("""{"texts":{"Tittel":null}}""");
    }

    /// <summary>Reads the generated, protected serializer settings.</summary>
    private sealed class SettingsProbe : StorageTransport
    {
        public SettingsProbe()
            : base(string.Empty, new HttpClient())
        {
        }

        public JsonSerializerOptions Settings => JsonSerializerSettings;
    }
}
