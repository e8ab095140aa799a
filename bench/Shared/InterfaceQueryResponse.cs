using Altinn.Platform.Storage.Interface.Models;

namespace Altinn.Sdk.Bench;

/// <summary>
/// Storage's instance search page (<c>{count, self, next, instances}</c>) over the
/// <c>Altinn.Platform.Storage.Interface</c> models: the envelope is not in that package, so integrators write this
/// class themselves. Plain properties, so both Newtonsoft and System.Text.Json (web defaults) bind it.
/// </summary>
public sealed class InterfaceQueryResponse
{
    /// <summary>The number of instances in this page.</summary>
    public long Count { get; set; }

    /// <summary>The absolute address of this page.</summary>
    public string? Self { get; set; }

    /// <summary>The absolute address of the next page, or null on the last one.</summary>
    public string? Next { get; set; }

    /// <summary>The instances.</summary>
    public List<Instance>? Instances { get; set; }
}
