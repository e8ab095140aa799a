using System.Reflection;
using System.Runtime.Serialization;

namespace Altinn.Sdk.Conventions.Tests;

/// <summary>Names that explain themselves, and exceptions shaped the way .NET callers expect.</summary>
public sealed class NamingConventionTests
{
    private static readonly string[] s_vagueSuffixes = ["Helper", "Helpers", "Manager", "Util", "Utils", "Utility", "Utilities"];

    // Exceptions without the (message) and (message, inner) constructors, with the reason.
    private static readonly Dictionary<string, string> s_exceptionsWithoutStandardConstructors = new(StringComparer.Ordinal)
    {
        ["Altinn.Sdk.AltinnRequestFailedException"] = "a failed request always has a status; a message-only constructor would make one up",
        ["Altinn.Sdk.Workflows.WorkflowCanceledException"] = "carries the required WorkflowResult of what was finished; built by the workflow only",
        ["Altinn.Sdk.Workflows.WorkflowStoppedException"] = "carries the required WorkflowResult of what was finished; built by the workflow only",
    };

    [Fact]
    public void No_public_type_has_a_vague_name()
    {
        List<string> offenders = ShippedAssemblies.PublicTypes()
            .Where(t => s_vagueSuffixes.Any(s => BaseName(t).EndsWith(s, StringComparison.Ordinal)))
            .Select(t => t.FullName!)
            .ToList();

        offenders.Should().BeEmpty("no public type is named *Helper, *Manager or *Util: name it for what it does; offenders:\n  {0}", string.Join("\n  ", offenders));
    }

    [Fact]
    public void Exception_types_and_only_they_end_in_Exception()
    {
        List<string> offenders = ShippedAssemblies.PublicTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t) != BaseName(t).EndsWith("Exception", StringComparison.Ordinal))
            .Select(t => t.FullName!)
            .ToList();

        offenders.Should().BeEmpty("a type derived from Exception ends in Exception, and nothing else does; offenders:\n  {0}", string.Join("\n  ", offenders));
    }

    [Fact]
    public void Exceptions_do_without_binary_serialization()
    {
        // BinaryFormatter is gone from .NET; [Serializable] and the (SerializationInfo, StreamingContext) constructor are obsolete noise.
        List<string> offenders = Exceptions()
            .Where(t => t.IsDefined(typeof(SerializableAttribute), inherit: false)
                || t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(SerializationInfo))))
            .Select(t => t.FullName!)
            .ToList();

        offenders.Should().BeEmpty("exceptions are not [Serializable] and have no serialization constructor; offenders:\n  {0}", string.Join("\n  ", offenders));
    }

    [Fact]
    public void Exceptions_have_the_standard_constructors_where_sensible()
    {
        List<Type> exceptions = Exceptions().ToList();
        exceptions.Should().NotBeEmpty();

        List<string> offenders = exceptions
            .Where(t => !s_exceptionsWithoutStandardConstructors.ContainsKey(t.FullName!))
            .SelectMany(t => new[] { new[] { typeof(string) }, new[] { typeof(string), typeof(Exception) } }
                .Where(signature => t.GetConstructor(signature) is null)
                .Select(signature => $"{t.FullName}: no public ({string.Join(", ", signature.Select(s => s.Name))}) constructor"))
            .ToList();

        offenders.Should().BeEmpty("public exceptions have (string message) and (string message, Exception innerException) constructors unless allow-listed with a reason; offenders:\n  {0}",
            string.Join("\n  ", offenders));
    }

    [Fact]
    public void The_exception_allow_list_names_only_exceptions_that_exist()
    {
        var existing = Exceptions().Select(t => t.FullName!).ToHashSet(StringComparer.Ordinal);

        s_exceptionsWithoutStandardConstructors.Keys.Where(k => !existing.Contains(k)).Should().BeEmpty();
    }

    private static IEnumerable<Type> Exceptions() => ShippedAssemblies.PublicTypes().Where(t => typeof(Exception).IsAssignableFrom(t));

    private static string BaseName(Type type)
    {
        int tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name[..tick];
    }
}
