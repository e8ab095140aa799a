namespace Altinn.Sdk.Workflows;

/// <summary>How the Altinn inbox shows a substatus label.</summary>
public static class SubstatusLabel
{
    /// <summary>The number of characters the inbox shows whole (25).</summary>
    public const int ShownLength = 25;

    /// <summary>The number of characters kept before "..." when a label is longer than <see cref="ShownLength"/> (22).</summary>
    public const int CutLength = 22;

    /// <summary>
    /// The label as the Altinn inbox shows it: whole up to 25 characters; a longer one as its first 22 characters
    /// followed by "...". (A text resource key is shown after the app's texts resolve it; this method sees only the
    /// text given.)
    /// </summary>
    /// <param name="label">The label.</param>
    /// <returns>The label as shown.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="label"/> is null.</exception>
    public static string Preview(string label)
    {
        if (label is null) throw new ArgumentNullException(nameof(label));
        return label.Length <= ShownLength ? label : label.Substring(0, CutLength) + "...";
    }
}
