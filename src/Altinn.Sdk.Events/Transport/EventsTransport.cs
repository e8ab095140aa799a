using System.Text.Json;
using Altinn.Sdk.Internal;

namespace Altinn.Sdk.Events.Transport;

/// <summary>
/// The hand-written half of the generated Events transport (the other half is generated from openapi/events.yaml
/// into obj/; see openapi/README.md). What every transport shares (per-call identity, retry marking, bounded error
/// bodies) is its base, <see cref="AltinnTransport"/>; this part holds the package's JSON.
/// </summary>
internal partial class EventsTransport
{
    /// <summary>
    /// <see cref="EventsJsonContext"/>'s settings with source-generated metadata only: the public models plus the
    /// transport's bodies.
    /// </summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        UseJson(settings, EventsJsonContext.Default, EventsTransportJsonContext.Default);
}
