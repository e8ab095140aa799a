namespace Altinn.Sdk.Models;

/// <summary>
/// An active instance as the App API lists it (<c>GET {org}/{app}/instances/{partyId}/active</c>, Altinn's
/// <c>SimpleInstance</c>): an instance of the app that is neither archived nor deleted.
/// </summary>
public sealed partial record SimpleInstance
{
    /// <summary>The instance id <c>{instanceOwnerPartyId}/{instanceGuid}</c>.</summary>
    public partial InstanceId? Id { get; init; }

    /// <summary>Texts shown in the inbox, copied from the app's <c>presentationFields</c>.</summary>
    public partial IReadOnlyDictionary<string, string>? PresentationTexts { get; init; }

    /// <summary>The deadline shown to the owner, if any.</summary>
    public partial DateTimeOffset? DueBefore { get; init; }

    /// <summary>When the instance was last changed (UTC).</summary>
    public partial DateTimeOffset? LastChanged { get; init; }

    /// <summary>
    /// Who last changed the instance as a display name (an organisation's or a person's name), or empty when the
    /// app could not resolve it. Not an id, unlike <see cref="Instance.LastChangedBy"/>.
    /// </summary>
    public partial string? LastChangedBy { get; init; }
}

/// <summary>An app's texts in one language (<c>GET {org}/{app}/api/v1/texts/{language}</c>).</summary>
public sealed partial record TextResource
{
    /// <summary>The resource id, <c>{org}-{app}-{language}</c>.</summary>
    public partial string? Id { get; init; }

    /// <summary>The app owner's org code.</summary>
    public partial string? Org { get; init; }

    /// <summary>The language of the texts (two letters); the app falls back to <c>nb</c>.</summary>
    public partial string? Language { get; init; }

    /// <summary>The texts, each with its key.</summary>
    public partial IReadOnlyList<TextResourceElement>? Resources { get; init; }
}

/// <summary>One text of an app: a key (for example <c>appName</c>) and its value.</summary>
public sealed partial record TextResourceElement
{
    /// <summary>The text key.</summary>
    public partial string? Id { get; init; }

    /// <summary>The text, possibly with <c>{0}</c>-style placeholders filled from <see cref="Variables"/>.</summary>
    public partial string? Value { get; init; }

    /// <summary>The values the app puts into the text's placeholders, if any.</summary>
    public partial IReadOnlyList<TextResourceVariable>? Variables { get; init; }
}

/// <summary>A placeholder value of a text: where the app reads it from.</summary>
public sealed partial record TextResourceVariable
{
    /// <summary>The path of the value in its data source.</summary>
    public partial string? Key { get; init; }

    /// <summary>The data source, for example <c>dataModel.default</c> or <c>instanceContext</c>.</summary>
    public partial string? DataSource { get; init; }

    /// <summary>The value used when the source has none.</summary>
    public partial string? DefaultValue { get; init; }
}
