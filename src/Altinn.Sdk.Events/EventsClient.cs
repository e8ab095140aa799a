using System.Net.Http.Headers;
using Altinn.Sdk.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Events;

/// <summary>
/// The client for Altinn 3 Events (<c>https://platform.{host}/events/api/v1/</c>): event feeds read page by page
/// (<see cref="GetEventsAsync(EventsQuery, AltinnRequestOptions?, CancellationToken)"/>, or continuously with an
/// <see cref="EventsPoller"/>) and webhook <see cref="Subscriptions"/>. Pushed events are read with an
/// <see cref="EventWebhookReceiver"/>.
/// </summary>
/// <remarks>
/// <para>Thread-safe and cheap to keep. With dependency injection register it with
/// <c>services.AddAltinn(...).AddAltinnEvents()</c> and take <see cref="EventsClient"/> in a constructor; in a script
/// use <see cref="Create(AltinnEnvironment, AltinnCredential, Action{AltinnOptions}?, ILoggerFactory?)"/>.</para>
/// <para>The <see cref="HttpClient"/> must carry the Altinn pipeline (<c>AddAltinnPipeline()</c>): it attaches the
/// token and retries idempotent requests. Without it no token is sent.</para>
/// </remarks>
public class EventsClient
{
    private static readonly MediaTypeWithQualityHeaderValue s_json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue s_cloudEvents = new("application/cloudevents+json");
    private const string PageAdvice = "A smaller page size (EventsQuery.PageSize) makes pages smaller.";
    private readonly EventsPipeline _pipeline;

    /// <summary>Creates a client on an <see cref="HttpClient"/> that carries the Altinn pipeline.</summary>
    /// <param name="httpClient">The HTTP client, with the handlers of <c>AddAltinnPipeline()</c>; it is not disposed by this client.</param>
    /// <param name="environment">The Altinn environment; Events is at its <see cref="AltinnEnvironment.EventsBaseUrl"/>.</param>
    /// <param name="logger">A logger, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="environment"/> is null.</exception>
    public EventsClient(HttpClient httpClient, AltinnEnvironment environment, ILogger<EventsClient>? logger = null)
    {
        if (httpClient is null) throw new ArgumentNullException(nameof(httpClient));
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        _pipeline = new EventsPipeline(httpClient, environment, logger);
        Environment = environment;
        Subscriptions = new EventSubscriptionsClient(_pipeline);
    }

    /// <summary>For mocking.</summary>
    protected EventsClient()
    {
        _pipeline = null!;
        Environment = null!;
        Subscriptions = null!;
    }

    /// <summary>The environment this client talks to.</summary>
    public virtual AltinnEnvironment Environment { get; }

    /// <summary>Webhook subscriptions: create, get, list, delete.</summary>
    public virtual EventSubscriptionsClient Subscriptions { get; }

    /// <summary>Reads a feed; see <see cref="GetEventsAsync(EventsQuery, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="query">The feed and its filters.</param>
    /// <param name="cancellationToken">Cancels the paging.</param>
    /// <returns>The events, fetched page by page as they are enumerated.</returns>
    public virtual AsyncPageable<CloudEvent> GetEventsAsync(EventsQuery query, CancellationToken cancellationToken = default) =>
        GetEventsAsync(query, null, cancellationToken);

    /// <summary>
    /// Reads a feed in order (<see cref="AppEventsQuery"/>: <c>GET app/{org}/{app}</c>, <see cref="PartyEventsQuery"/>:
    /// <c>GET app/party</c>, <see cref="ResourceEventsQuery"/>: <c>GET events?resource=</c>), page by page as the result
    /// is enumerated; nothing is sent before the first page is asked for.
    /// </summary>
    /// <param name="query">The feed and its filters; checked now (an invalid query throws here, before any request).</param>
    /// <param name="options">Another identity for these requests, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the paging.</param>
    /// <returns>
    /// The events. The listing ends at a page without a <c>next</c> header that has no events (Events leaves
    /// <c>next</c> off an empty page): normally the feed has been read to its end, so read again later from the last
    /// id to get newer events. A short or empty page with <c>next</c> does not end it: Altinn filters each page by
    /// authorization after reading <c>size</c> rows. An empty page does not prove the end either: when the next
    /// <c>size</c> rows are all events the caller may not read, Altinn answers an empty page without <c>next</c>, and
    /// reading from the same id keeps giving it (see the package README: narrow the query with types, or read with a
    /// larger page size).
    /// <see cref="AsyncPageable{T}.AsPages"/> gives the pages; a page's continuation token is the id of its last
    /// event, so any event id handled can be passed back as the token (it is Events' <c>after</c>), and the page size
    /// hint replaces <see cref="EventsQuery.PageSize"/>.
    /// </returns>
    /// <remarks>
    /// Each page's <c>next</c> header is read for its <c>after</c> value only; the URL itself is never requested,
    /// because Events re-appends the other parameters decoded (a <c>+</c> in an offset would break) and leaves out
    /// the header filters. The next request is built from the query again, with the header filters.
    /// Events makes an event visible to the feeds about 30 seconds after it happened.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The query is invalid.</exception>
    /// <exception cref="AltinnRequestFailedException">While enumerating: Events refused a page.</exception>
    public virtual AsyncPageable<CloudEvent> GetEventsAsync(EventsQuery query, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (query is null) throw new ArgumentNullException(nameof(query));
        query.ValidateForFirstRead();
        return AsyncPageable<CloudEvent>.Create((token, hint, ct) => FetchPageAsync(query, options, token, hint, ct), cancellationToken);
    }

    /// <summary>
    /// Creates a client without a host, for scripts and tools: builds a small private service collection with
    /// <c>AddAltinn</c> and <c>AddAltinnEvents</c> (the same token handling and retries as with dependency injection).
    /// Keep the client for the life of the program rather than creating one per call.
    /// </summary>
    /// <param name="environment">The Altinn environment (or an emulator's <c>Environment</c>).</param>
    /// <param name="credential">The credential, for example a <see cref="MaskinportenCredential"/> wrapped in an <see cref="AltinnTokenExchangeCredential"/>.</param>
    /// <param name="configure">
    /// Further settings, or <see langword="null"/>. When no scope is set, <c>altinn:serviceowner/instances.read</c> is
    /// asked for (an app owner reading its app feed and subscribing to its apps); add <c>altinn:events.subscribe</c>
    /// for the generic feed and non-app subscriptions.
    /// </param>
    /// <param name="loggerFactory">Where the SDK's log messages go; none when <see langword="null"/>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="environment"/> or <paramref name="credential"/> is null.</exception>
    public static EventsClient Create(AltinnEnvironment environment, AltinnCredential credential, Action<AltinnOptions>? configure = null, ILoggerFactory? loggerFactory = null) =>
        AltinnClientRegistration.CreateHostless<EventsClient>(environment, credential, configure, loggerFactory, ["altinn:serviceowner/instances.read"], services => services.AddAltinnEvents());

    private async Task<Page<CloudEvent>> FetchPageAsync(EventsQuery query, AltinnRequestOptions? options, string? token, int? pageSizeHint, CancellationToken cancellationToken)
    {
        string? after = token ?? query.After;
        EventsRequest request = query.Build(after, pageSizeHint, requireStart: true);
        using var message = new HttpRequestMessage(HttpMethod.Get, _pipeline.Uri(request.PathAndQuery));
        if (request.Header is { } header) message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        message.Headers.Accept.Add(s_cloudEvents);
        message.Headers.Accept.Add(s_json);

        HttpResponseMessage response = await _pipeline.SendAsync("Events.Query", message, options, retrySafe: false, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await EventsPipeline.FailureAsync(response, FeedHint(query, (int)response.StatusCode), cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            using var stream = ResponseBody.Limit(await HttpContentReads.StreamAsync(response.Content, cancellationToken).ConfigureAwait(false), response, _pipeline.MaxResponseBytes, PageAdvice);
            IReadOnlyList<CloudEvent> events = await JsonSerializer.DeserializeAsync(stream, EventsJsonContext.Default.IReadOnlyListCloudEvent, cancellationToken).ConfigureAwait(false)
                ?? Array.Empty<CloudEvent>();

            // Altinn filters a page by authorization after reading `size` rows, so a short page, even an empty one, is
            // not the end while `next` names a place further on. Without `next` (Events leaves it off an empty page)
            // the listing ends; a non-empty page without it goes on after its last event. A `next` that does not move
            // on ends the listing rather than asking for the same page again.
            string? next = null;
            if (response.Headers.TryGetValues("next", out IEnumerable<string>? values))
            {
                foreach (string value in values)
                {
                    next = AfterOf(value);
                    break;
                }
            }

            if (events.Count > 0) next ??= events[events.Count - 1].Id;
            else if (next == after) next = null;

            return Page<CloudEvent>.FromValues(events, next);
        }
    }

    /// <summary>The <c>after</c> value of a <c>next</c> URL, or null when it has none.</summary>
    internal static string? AfterOf(string next) => NextLink.Parameter(next, "after", StringComparison.Ordinal);

    private static string? FeedHint(EventsQuery query, int status) => (query, status) switch
    {
        (AppEventsQuery, 401) => "The app feed is for the app owner: the token must carry urn:altinn:org (a Maskinporten token with an altinn:serviceowner scope). End users and their systems read a PartyEventsQuery.",
        (ResourceEventsQuery, 403) => "The generic feed needs the scope altinn:events.subscribe, and the caller must be allowed to read the resource.",
        (AppEventsQuery or PartyEventsQuery, 404) => "Events could not look up the party given by OrganisationNumber or PersonNumber.",
        _ => null,
    };
}
