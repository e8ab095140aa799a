using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Altinn.Sdk.Events.Transport;
using Altinn.Sdk.Internal;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Altinn.Sdk.Events.Tests;

/// <summary>
/// The transport in the assembly is the one generated from openapi/events.yaml, nothing generated is public, and the
/// public clients follow the client conventions (virtual async methods with a CancellationToken last, protected constructors).
/// </summary>
public sealed partial class TransportAndConventionTests
{
    private static readonly Type[] Clients = [typeof(EventsClient), typeof(EventSubscriptionsClient), typeof(EventsPoller)];

    [GeneratedRegex(@"^\s*operationId:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex OperationId();

    private static IEnumerable<MethodInfo> OperationMethods() =>
        typeof(EventsTransport).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal));

    [Fact]
    public void Every_operation_in_the_document_is_a_generated_method_and_nothing_else_is()
    {
        string yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi", "events.yaml"));
        List<string> operations = OperationId().Matches(yaml).Select(m => m.Groups[1].Value).ToList();
        operations.Should().HaveCount(8);
        OperationMethods().Select(m => m.Name).Should().BeEquivalentTo(operations.Select(o => o + "Async"));
    }

    [Fact]
    public void The_generated_client_and_exceptions_derive_from_the_shared_base_types()
    {
        typeof(EventsTransport).BaseType.Should().Be(typeof(AltinnTransport));
        typeof(EventsTransportException).BaseType.Should().Be(typeof(AltinnTransportException));
        typeof(EventsTransportException<string>).BaseType.Should().Be(typeof(EventsTransportException));
    }

    [Fact]
    public void Nothing_generated_is_public_and_every_body_type_has_source_generated_metadata()
    {
        typeof(EventsTransport).Assembly.GetExportedTypes().Should().NotContain(t => t.Namespace == typeof(EventsTransport).Namespace);

        JsonSerializerOptions options = new SettingsProbe().Settings;
        options.IsReadOnly.Should().BeTrue();
        var types = OperationMethods()
            .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Concat(m.ReturnType.GetGenericArguments()))
            .Where(t => t != typeof(CancellationToken) && t != typeof(string) && Nullable.GetUnderlyingType(t) is null && t != typeof(int))
            .Distinct()
            .ToList();
        types.Should().Contain(new[] { typeof(EventSubscriptionRequest), typeof(EventSubscription), typeof(EventSubscriptionList), typeof(IReadOnlyList<CloudEvent>) });
        foreach (Type type in types.Where(t => !t.IsInterface || t == typeof(IReadOnlyList<CloudEvent>)))
        {
            options.GetTypeInfo(type).Should().NotBeNull(type.Name);
        }
    }

    public static TheoryData<string> ServiceMethods => new(
        Clients.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName)
            .Select(Signature));

    [Theory]
    [MemberData(nameof(ServiceMethods))]
    public void Service_methods_are_virtual_async_and_take_a_cancellation_token_last(string signature)
    {
        MethodInfo method = Clients.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Single(m => Signature(m) == signature);
        method.IsVirtual.Should().BeTrue();
        method.Name.Should().EndWith("Async");
        method.GetParameters().Last().ParameterType.Should().Be<CancellationToken>();
        method.GetParameters().Last().HasDefaultValue.Should().BeTrue();
        (method.ReturnType == typeof(Task) || (method.ReturnType.IsGenericType
            && (method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>) || method.ReturnType.GetGenericTypeDefinition() == typeof(AsyncPageable<>))))
            .Should().BeTrue();
    }

    [Fact]
    public void Clients_have_a_protected_parameterless_constructor()
    {
        foreach (Type client in Clients)
        {
            client.GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes).Should().NotBeNull(client.Name).And.Match<ConstructorInfo>(c => c.IsFamily);
            client.IsSealed.Should().BeFalse();
        }

        typeof(EventsClient).GetProperty(nameof(EventsClient.Subscriptions))!.GetMethod!.IsVirtual.Should().BeTrue();
    }

    private static string Signature(MethodInfo m) =>
        m.DeclaringType!.Name + "." + m.Name + "(" + string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name)) + ")";

    /// <summary>Reads the transport's serializer settings.</summary>
    private sealed class SettingsProbe : EventsTransport
    {
        public SettingsProbe()
            : base(string.Empty, new HttpClient())
        {
        }

        public JsonSerializerOptions Settings => JsonSerializerSettings;
    }
}

/// <summary>Registration: AddAltinnEvents once however often it is called; Create checks its arguments.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void AddAltinnEvents_registers_the_client_once()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.EventsServiceCollectionExtensions.AddAltinnEvents(services);
        Microsoft.Extensions.DependencyInjection.EventsServiceCollectionExtensions.AddAltinnEvents(services);
        services.Count(d => d.ServiceType == typeof(EventsClient)).Should().Be(1);
    }

    [Fact]
    public async Task Create_sends_the_SDK_logs_to_the_logger_factory_given()
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        using var logs = new FakeLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs).AddLeakWatch());

        EventsClient client = EventsClient.Create(emulator.Environment, emulator.CreateOrgCredential("ttd"), loggerFactory: factory);
        await foreach (CloudEvent _ in client.GetEventsAsync(new AppEventsQuery(AppId.Parse("ttd/demo-app")) { After = "0" }))
        {
        }

        logs.Collector.GetSnapshot().Should().Contain(r => r.Id.Name == "TokenAttached" && r.Level == LogLevel.Trace, "the pipeline's handler logs through the factory");
    }

    [Fact]
    public async Task Create_asks_for_the_serviceowner_read_scope_unless_others_are_configured()
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        var asked = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var credential = new Authentication.DelegatedTokenCredential((request, _) =>
        {
            asked.Enqueue(request.Context.ScopeString);
            return new ValueTask<Authentication.AltinnAccessToken>(new Authentication.AltinnAccessToken(emulator.CreateOrgToken("ttd"), DateTimeOffset.UtcNow.AddMinutes(5)));
        });

        EventsClient client = EventsClient.Create(emulator.Environment, credential, loggerFactory: LeakWatch.LoggerFactory);
        await foreach (CloudEvent _ in client.GetEventsAsync(new AppEventsQuery(AppId.Parse("ttd/demo-app")) { After = "0" }))
        {
        }

        asked.Should().NotBeEmpty().And.OnlyContain(s => s == "altinn:serviceowner/instances.read");
    }

    [Fact]
    public void Create_refuses_missing_arguments()
    {
        FluentActions.Invoking(() => EventsClient.Create(null!, new Authentication.StaticTokenCredential("x"))).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => EventsClient.Create(AltinnEnvironment.Tt02, null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new EventsClient(null!, AltinnEnvironment.Tt02)).Should().Throw<ArgumentNullException>();
    }
}

/// <summary>The one bounded stream, as the webhook receiver and the response readers use it.</summary>
public sealed class LimitedReadStreamTests
{
    [Fact]
    public async Task Reading_up_to_the_limit_works_and_one_byte_more_throws_the_exception_given()
    {
        var inner = new MemoryStream(new byte[11]);
        using var limited = new Internal.LimitedReadStream(inner, 10, () => new InvalidDataException("too large"), leaveOpen: true);
        byte[] buffer = new byte[10];

        (await limited.ReadAsync(buffer.AsMemory(0, 10))).Should().Be(10);
        await FluentActions.Awaiting(async () => await limited.ReadAsync(buffer.AsMemory(0, 10))).Should().ThrowAsync<InvalidDataException>().WithMessage("too large");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Disposing_closes_the_inner_stream_only_when_it_is_not_left_open(bool leaveOpen)
    {
        var inner = new MemoryStream(new byte[4]);
        new Internal.LimitedReadStream(inner, 10, () => new InvalidDataException(), leaveOpen).Dispose();
        inner.CanRead.Should().Be(leaveOpen);
    }
}
