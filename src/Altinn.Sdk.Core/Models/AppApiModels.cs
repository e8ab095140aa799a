using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>
/// An active instance as the App API lists it (<c>GET {org}/{app}/instances/{partyId}/active</c>, Altinn's
/// <c>SimpleInstance</c>): an instance of the app that is neither archived nor deleted.
/// </summary>
public sealed record SimpleInstance
{
    /// <summary>The instance id <c>{instanceOwnerPartyId}/{instanceGuid}</c>.</summary>
    [JsonIgnore]
    public InstanceId? Id { get => IdOnWire; init => IdOnWire = value; }

    [JsonInclude, JsonPropertyName("id")]
    internal InstanceId? IdOnWire { get; set; }

    /// <summary>Texts shown in the inbox, copied from the app's <c>presentationFields</c>.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string>? PresentationTexts { get => PresentationTextsOnWire; init => PresentationTextsOnWire = value; }

    [JsonInclude, JsonPropertyName("presentationTexts")]
    internal IReadOnlyDictionary<string, string>? PresentationTextsOnWire { get; set; }

    /// <summary>The deadline shown to the owner, if any.</summary>
    [JsonIgnore]
    public DateTimeOffset? DueBefore { get => DueBeforeOnWire; init => DueBeforeOnWire = value; }

    [JsonInclude, JsonPropertyName("dueBefore")]
    internal DateTimeOffset? DueBeforeOnWire { get; set; }

    /// <summary>When the instance was last changed (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? LastChanged { get => LastChangedOnWire; init => LastChangedOnWire = value; }

    [JsonInclude, JsonPropertyName("lastChanged")]
    internal DateTimeOffset? LastChangedOnWire { get; set; }

    /// <summary>
    /// Who last changed the instance as a display name (an organisation's or a person's name), or empty when the
    /// app could not resolve it. Not an id, unlike <see cref="Instance.LastChangedBy"/>.
    /// </summary>
    [JsonIgnore]
    public string? LastChangedBy { get => LastChangedByOnWire; init => LastChangedByOnWire = value; }

    [JsonInclude, JsonPropertyName("lastChangedBy")]
    internal string? LastChangedByOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>An app's texts in one language (<c>GET {org}/{app}/api/v1/texts/{language}</c>).</summary>
public sealed record TextResource
{
    /// <summary>The resource id, <c>{org}-{app}-{language}</c>.</summary>
    [JsonIgnore]
    public string? Id { get => IdOnWire; init => IdOnWire = value; }

    [JsonInclude, JsonPropertyName("id")]
    internal string? IdOnWire { get; set; }

    /// <summary>The app owner's org code.</summary>
    [JsonIgnore]
    public string? Org { get => OrgOnWire; init => OrgOnWire = value; }

    [JsonInclude, JsonPropertyName("org")]
    internal string? OrgOnWire { get; set; }

    /// <summary>The language of the texts (two letters); the app falls back to <c>nb</c>.</summary>
    [JsonIgnore]
    public string? Language { get => LanguageOnWire; init => LanguageOnWire = value; }

    [JsonInclude, JsonPropertyName("language")]
    internal string? LanguageOnWire { get; set; }

    /// <summary>The texts, each with its key.</summary>
    [JsonIgnore]
    public IReadOnlyList<TextResourceElement>? Resources { get => ResourcesOnWire; init => ResourcesOnWire = value; }

    [JsonInclude, JsonPropertyName("resources")]
    internal IReadOnlyList<TextResourceElement>? ResourcesOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>One text of an app: a key (for example <c>appName</c>) and its value.</summary>
public sealed record TextResourceElement
{
    /// <summary>The text key.</summary>
    [JsonIgnore]
    public string? Id { get => IdOnWire; init => IdOnWire = value; }

    [JsonInclude, JsonPropertyName("id")]
    internal string? IdOnWire { get; set; }

    /// <summary>The text, possibly with <c>{0}</c>-style placeholders filled from <see cref="Variables"/>.</summary>
    [JsonIgnore]
    public string? Value { get => ValueOnWire; init => ValueOnWire = value; }

    [JsonInclude, JsonPropertyName("value")]
    internal string? ValueOnWire { get; set; }

    /// <summary>The values the app puts into the text's placeholders, if any.</summary>
    [JsonIgnore]
    public IReadOnlyList<TextResourceVariable>? Variables { get => VariablesOnWire; init => VariablesOnWire = value; }

    [JsonInclude, JsonPropertyName("variables")]
    internal IReadOnlyList<TextResourceVariable>? VariablesOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A placeholder value of a text: where the app reads it from.</summary>
public sealed record TextResourceVariable
{
    /// <summary>The path of the value in its data source.</summary>
    [JsonIgnore]
    public string? Key { get => KeyOnWire; init => KeyOnWire = value; }

    [JsonInclude, JsonPropertyName("key")]
    internal string? KeyOnWire { get; set; }

    /// <summary>The data source, for example <c>dataModel.default</c> or <c>instanceContext</c>.</summary>
    [JsonIgnore]
    public string? DataSource { get => DataSourceOnWire; init => DataSourceOnWire = value; }

    [JsonInclude, JsonPropertyName("dataSource")]
    internal string? DataSourceOnWire { get; set; }

    /// <summary>The value used when the source has none.</summary>
    [JsonIgnore]
    public string? DefaultValue { get => DefaultValueOnWire; init => DefaultValueOnWire = value; }

    [JsonInclude, JsonPropertyName("defaultValue")]
    internal string? DefaultValueOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
