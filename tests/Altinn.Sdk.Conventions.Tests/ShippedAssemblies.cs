using System.Reflection;
using System.Runtime.CompilerServices;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Events;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;
using Altinn.Sdk.Workflows;
using Altinn.Sdk.Workflows.AzureBlobs;

namespace Altinn.Sdk.Conventions.Tests;

/// <summary>The assemblies the SDK ships as packages, and their public surface as reflection sees it.</summary>
internal static class ShippedAssemblies
{
    public static readonly IReadOnlyList<Assembly> All =
    [
        typeof(AltinnEnvironment).Assembly,
        typeof(StorageClient).Assembly,
        typeof(AppsClient).Assembly,
        typeof(EventsClient).Assembly,
        typeof(WorkflowClient).Assembly,
        typeof(BlobArchiveSink).Assembly,
        typeof(AltinnEmulator).Assembly,
    ];

    // Workflows is being reworked in parallel; its violations are listed in the skip reasons instead of fixed here.
    public static readonly Assembly Workflows = typeof(WorkflowClient).Assembly;

    public static IEnumerable<Type> PublicTypes(Assembly? only = null) =>
        (only is null ? All : [only]).SelectMany(a => a.GetExportedTypes()).OrderBy(t => t.FullName, StringComparer.Ordinal);

    /// <summary>Methods a caller outside the assembly can call or override, declared on the type itself.</summary>
    public static IEnumerable<MethodInfo> VisibleMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => IsVisible(m) && !m.IsSpecialName && !IsCompilerGenerated(m));

    public static bool IsVisible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    public static bool IsCompilerGenerated(MemberInfo member) =>
        member.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) || member.Name.Contains('<', StringComparison.Ordinal);

    public static bool IsShipped(Type? type) => type is not null && All.Contains(type.Assembly);

    /// <summary>
    /// Whether the method's shape is set by something outside the SDK: an override of a framework method
    /// (Stream.ReadAsync, Exception members) or the implementation of a framework interface (IAsyncDisposable).
    /// </summary>
    public static bool IsDictatedByFramework(MethodInfo method)
    {
        if (!IsShipped(method.GetBaseDefinition().DeclaringType))
        {
            return true;
        }

        Type type = method.DeclaringType!;
        if (type.IsInterface)
        {
            return false;
        }

        foreach (Type contract in type.GetInterfaces().Where(i => !IsShipped(i)))
        {
            InterfaceMapping map = type.GetInterfaceMap(contract);
            if (map.TargetMethods.Contains(method))
            {
                return true;
            }
        }

        return false;
    }

    public static string Describe(MethodBase method) =>
        $"{Name(method.DeclaringType!)}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}"))})";

    public static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsByRef || type.IsArray || type.IsPointer)
        {
            return Name(type.GetElementType()!) + (type.IsByRef ? "&" : type.IsArray ? "[]" : "*");
        }

        string prefix = type.IsNested ? Name(type.DeclaringType!) + "." : string.Empty;
        string name = type.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick < 0)
        {
            return prefix + name;
        }

        return prefix + name[..tick] + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
    }
}
