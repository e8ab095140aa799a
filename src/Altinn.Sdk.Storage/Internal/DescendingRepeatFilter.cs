namespace Altinn.Sdk.Storage;

/// <summary>
/// Leaves out the instances a descending query returns twice. Storage's descending paging repeats only instances
/// whose <c>lastChanged</c> equals the last row's of the page before, and rows never get newer within a listing, so
/// remembering the ids of the oldest <c>lastChanged</c> seen so far is enough: memory stays at one group of ties.
/// </summary>
internal sealed class DescendingRepeatFilter<T>
{
    private readonly object _gate = new();
    private readonly Func<T, Instance> _instanceOf;
    private readonly HashSet<Guid> _ids = [];
    private DateTimeOffset? _lastChanged;
    private string? _expectedToken;

    private DescendingRepeatFilter(Func<T, Instance> instanceOf) => _instanceOf = instanceOf;

    /// <summary>A filter for a descending query; null for an ascending one, which Storage pages without repeats.</summary>
    public static DescendingRepeatFilter<T>? For(InstanceQuery query, Func<T, Instance> instanceOf) =>
        query.Order == InstanceQueryOrder.LastChangedDescending ? new DescendingRepeatFilter<T>(instanceOf) : null;

    public IReadOnlyList<T> Remove(string? token, IReadOnlyList<T> values, string? nextToken)
    {
        lock (_gate)
        {
            // Any other token than the one handed out last starts an enumeration (or resumes one): nothing is known.
            if (token is null || token != _expectedToken)
            {
                _ids.Clear();
                _lastChanged = null;
            }

            var kept = new List<T>(values.Count);
            foreach (T value in values)
            {
                Instance instance = _instanceOf(value);
                if (instance.LastChanged != _lastChanged)
                {
                    _ids.Clear();
                    _lastChanged = instance.LastChanged;
                }

                if (instance.Id is { } id && !_ids.Add(id.InstanceGuid)) continue;
                kept.Add(value);
            }

            _expectedToken = nextToken;
            return kept.Count == values.Count ? values : kept;
        }
    }
}
