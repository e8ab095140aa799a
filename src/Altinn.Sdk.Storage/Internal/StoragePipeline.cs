using Altinn.Sdk.Storage.Transport;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Storage;

/// <summary>
/// What the three sub-clients share: the connection (see <see cref="AltinnConnection{TTransport}"/>) to the Storage
/// base URL, ending in <c>/storage/api/v1/</c>.
/// </summary>
internal sealed class StoragePipeline(HttpClient httpClient, AltinnEnvironment environment, ILogger? logger)
    : AltinnConnection<StorageTransport>(() => httpClient, environment.StorageBaseUrl.AbsoluteUri, logger, (baseUrl, http) => new StorageTransport(baseUrl, http), environment);
