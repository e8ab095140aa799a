using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Altinn.Sdk.Apps.Transport;
using Altinn.Sdk.Internal;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Apps.Tests;

/// <summary>Checks that the transport in the assembly is the one generated from openapi/app.yaml, and how.</summary>
public sealed partial class TransportGenerationTests
{
    [GeneratedRegex(@"^\s*operationId:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex OperationId();

    [Fact]
    public void Every_operation_in_the_document_is_a_generated_method_and_nothing_else_is()
    {
        string yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi", "app.yaml"));
        var operations = OperationId().Matches(yaml).Select(m => m.Groups[1].Value).ToList();
        operations.Should().HaveCount(22);

        typeof(AppTransport).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal))
            .Select(m => m.Name).Should().BeEquivalentTo(operations.Select(o => o + "Async"));
    }

    [Fact]
    public void The_generated_client_and_exceptions_derive_from_the_shared_base_types()
    {
        typeof(AppTransport).BaseType.Should().Be(typeof(AltinnTransport));
        typeof(AppTransportException).BaseType.Should().Be(typeof(AltinnTransportException));
        typeof(AppTransportException<string>).BaseType.Should().Be(typeof(AppTransportException));
    }

    [Fact]
    public void Nothing_generated_is_public_and_Core_models_are_used()
    {
        typeof(AppTransport).Assembly.GetTypes().Where(t => t.Namespace == typeof(AppTransport).Namespace)
            .Should().NotBeEmpty().And.OnlyContain(t => !t.IsVisible);
        typeof(AppTransport).GetMethod(nameof(AppTransport.GetInstanceAsync))!.ReturnType.Should().Be(typeof(Task<Instance>));
        typeof(AppTransport).GetMethod(nameof(AppTransport.GetActiveInstancesAsync))!.ReturnType.Should().Be(typeof(Task<IReadOnlyList<SimpleInstance>>));
        typeof(AppTransport).GetMethod(nameof(AppTransport.NextProcessAsync))!.ReturnType.Should().Be(typeof(Task<ProcessState>));
    }

    [Fact]
    public void Every_request_and_response_type_has_source_generated_metadata()
    {
        var options = (JsonSerializerOptions)typeof(AppTransport).GetProperty("JsonSerializerSettings", BindingFlags.NonPublic | BindingFlags.Instance)!
            .GetValue(new AppTransport("http://localhost/", new HttpClient()))!;
        options.IsReadOnly.Should().BeTrue();

        var types = typeof(AppTransport).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal))
            .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType.GetGenericArguments()[0]))
            .Select(t => Nullable.GetUnderlyingType(t) ?? t)
            .Where(t => t != typeof(CancellationToken) && t != typeof(Stream) && t != typeof(FileResponse) && !t.IsPrimitive && t != typeof(string) && t != typeof(Guid) && t != typeof(object))
            .Distinct()
            .ToList();
        types.Should().Contain([typeof(InstantiationRequest), typeof(ProcessNext), typeof(Substatus), typeof(DataDeleteResponse), typeof(TextResource)]);
        foreach (Type type in types)
        {
            options.TypeInfoResolver!.GetTypeInfo(type, options).Should().NotBeNull(type.Name);
        }
    }
}
