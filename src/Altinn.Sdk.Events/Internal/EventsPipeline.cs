using Altinn.Sdk.Events.Transport;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Events;

/// <summary>
/// What the Events clients share: the connection (see <see cref="AltinnConnection{TTransport}"/>) to the Events base
/// URL, ending in <c>/events/api/v1/</c>, and the environment (subscription endpoints are checked against it).
/// </summary>
internal sealed class EventsPipeline(HttpClient httpClient, AltinnEnvironment environment, ILogger? logger)
    : AltinnConnection<EventsTransport>(() => httpClient, environment.EventsBaseUrl.AbsoluteUri, logger, (baseUrl, http) => new EventsTransport(baseUrl, http), environment)
{
    public AltinnEnvironment Environment { get; } = environment;
}
