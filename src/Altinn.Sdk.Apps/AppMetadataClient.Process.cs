using System.Threading;
using System.Threading.Tasks;

namespace Altinn.Sdk.Apps;

// The app's process description.
public partial class AppMetadataClient
{
    /// <summary>Reads the app's process description; see <see cref="GetProcessAsync(AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The process: its tasks in order, its gateways and the BPMN.</returns>
    public virtual Task<AppProcessDescription> GetProcessAsync(CancellationToken cancellationToken = default) => GetProcessAsync(null, cancellationToken);

    /// <summary>
    /// Reads the app's process description (<c>GET api/v1/meta/process</c>, the app's <c>process.bpmn</c>) and reads
    /// its tasks in the order the sequence flows reach them, with their Altinn task types and actions, and its gateways
    /// as branches.
    /// </summary>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The process: its tasks in order, its gateways and the BPMN.</returns>
    /// <exception cref="AltinnRequestFailedException">The app is not there (404).</exception>
    /// <exception cref="System.FormatException">The app's answer is not a BPMN process.</exception>
    public virtual async Task<AppProcessDescription> GetProcessAsync(AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        string bpmn = await ReadTextAsync("Apps.Metadata.GetProcess", "api/v1/meta/process", MetadataHint(404)!, options, cancellationToken).ConfigureAwait(false);
        return AppProcessDescription.Parse(bpmn);
    }
}
