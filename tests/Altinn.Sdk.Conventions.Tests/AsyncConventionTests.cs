using System.Reflection;

namespace Altinn.Sdk.Conventions.Tests;

/// <summary>Every public asynchronous method can be cancelled, and says it is asynchronous.</summary>
public sealed class AsyncConventionTests
{
    // Methods whose shape is deliberate, with the reason.
    private static readonly Dictionary<string, string> s_allowedWithoutCancellationToken = new(StringComparer.Ordinal)
    {
        // As Azure.AsyncPageable<T>.AsPages: the token given to the method that created the pageable (or to
        // WithCancellation on the page sequence) cancels the paging.
        ["AsyncPageable<T>.AsPages"] = "pages are cancelled by the pageable's own token or WithCancellation",
    };

    private static readonly Dictionary<string, string> s_allowedWithoutAsyncSuffix = new(StringComparer.Ordinal)
    {
        ["AsyncPageable<T>.AsPages"] = "the Azure SDK name for the page view of a pageable",
        ["AsyncPageable<T>.Create"] = "a factory for the pageable, not an operation: nothing is sent until it is enumerated",
    };

    [Fact]
    public void Every_public_async_method_takes_a_cancellation_token_last()
    {
        List<string> offenders = AsyncMethods(includeWorkflows: true)
            .Where(m => !s_allowedWithoutCancellationToken.ContainsKey(Key(m)))
            .Where(m => m.GetParameters() is not [.., { ParameterType: var last }] || last != typeof(CancellationToken))
            .Select(ShippedAssemblies.Describe)
            .ToList();

        offenders.Should().BeEmpty(
            "every public method returning Task, ValueTask, IAsyncEnumerable or AsyncPageable takes a CancellationToken as its last parameter; offenders:\n  {0}",
            string.Join("\n  ", offenders));
    }

    [Fact]
    public void Every_public_async_method_name_ends_in_Async()
    {
        List<string> offenders = AsyncMethods(includeWorkflows: true)
            .Where(m => !m.Name.EndsWith("Async", StringComparison.Ordinal) && !s_allowedWithoutAsyncSuffix.ContainsKey(Key(m)))
            .Select(ShippedAssemblies.Describe)
            .ToList();

        offenders.Should().BeEmpty("asynchronous methods end in Async; offenders:\n  {0}", string.Join("\n  ", offenders));
    }

    [Fact]
    public void The_allow_lists_name_only_methods_that_exist()
    {
        var existing = ShippedAssemblies.PublicTypes().SelectMany(ShippedAssemblies.VisibleMethods).Select(Key).ToHashSet(StringComparer.Ordinal);

        List<string> stale = s_allowedWithoutCancellationToken.Keys.Concat(s_allowedWithoutAsyncSuffix.Keys)
            .Where(k => !existing.Contains(k))
            .ToList();

        stale.Should().BeEmpty("allow-list entries must match a public method, or be removed; stale:\n  {0}", string.Join("\n  ", stale));
    }

    [Fact]
    public void The_rule_recognises_every_async_return_shape()
    {
        // Guards the convention itself: a method returning each shape is found by the filter.
        Type[] shapes = [typeof(Task), typeof(Task<int>), typeof(ValueTask), typeof(ValueTask<int>), typeof(IAsyncEnumerable<int>), typeof(AsyncPageable<int>)];
        shapes.Where(t => !IsAsyncShape(t)).Should().BeEmpty();
        IsAsyncShape(typeof(IEnumerable<int>)).Should().BeFalse();
        IsAsyncShape(typeof(IAsyncEnumerator<int>)).Should().BeFalse();
    }

    internal static IEnumerable<MethodInfo> AsyncMethods(bool includeWorkflows) =>
        ShippedAssemblies.PublicTypes()
            .Where(t => !typeof(Delegate).IsAssignableFrom(t))
            .Where(t => includeWorkflows || t.Assembly != ShippedAssemblies.Workflows)
            .SelectMany(ShippedAssemblies.VisibleMethods)
            .Where(m => IsAsyncShape(m.ReturnType) && !ShippedAssemblies.IsDictatedByFramework(m));

    internal static bool IsAsyncShape(Type type)
    {
        if (type == typeof(Task) || type == typeof(ValueTask))
        {
            return true;
        }

        for (Type? t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType)
            {
                Type definition = t.GetGenericTypeDefinition();
                if (definition == typeof(Task<>) || definition == typeof(ValueTask<>) || definition == typeof(AsyncPageable<>))
                {
                    return true;
                }
            }
        }

        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>);
    }

    private static string Key(MethodInfo method) => $"{ShippedAssemblies.Name(method.DeclaringType!)}.{method.Name}";
}
