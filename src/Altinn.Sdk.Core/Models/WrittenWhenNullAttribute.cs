using System.Diagnostics;

namespace Altinn.Sdk.Models;

/// <summary>
/// Marks a model property that is written as <c>null</c> rather than left out (JsonIgnoreCondition.Never on its
/// generated twin, see WireTwins.targets). Read by the build only; it leaves nothing in the assembly.
/// </summary>
[Conditional("ALTINN_SDK_WIRE_TWINS_MARKERS")]
[AttributeUsage(AttributeTargets.Property)]
internal sealed class WrittenWhenNullAttribute : Attribute
{
}
