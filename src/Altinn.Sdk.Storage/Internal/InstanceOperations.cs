using System.Linq;
using Altinn.Sdk.Storage.Transport;

namespace Altinn.Sdk.Storage;

/// <summary>The single-instance calls behind <see cref="StorageInstancesClient"/>: argument checks, then one call each.</summary>
internal sealed class InstanceOperations
{
    /// <summary>The number of characters of a substatus label the Altinn inbox shows in full (longer ones are cut to 22 + "...").</summary>
    internal const int SubstatusLabelShownLength = 25;

    private readonly StoragePipeline _pipeline;

    public InstanceOperations(StoragePipeline pipeline) => _pipeline = pipeline;

    public Task<Instance> GetAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        return _pipeline.CallAsync("Storage.Instances.Get", options, retrySafe: false, StorageHints.Read, (t, ct) => t.GetInstanceAsync(instanceId.PartyId, instanceId.InstanceGuid, ct), cancellationToken);
    }

    public async Task<InstanceJson> GetRawAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));

        // HttpClient directly: the generated transport deserializes and does not expose the bytes.
        using var message = new HttpRequestMessage(HttpMethod.Get, _pipeline.Uri("instances/" + StoragePipeline.Path(instanceId)));
        HttpResponseMessage response = await _pipeline.SendAsync("Storage.Instances.GetRaw", message, options, retrySafe: false, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await StoragePipeline.FailureAsync(response, StorageHints.Read((int)response.StatusCode), cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            byte[] body = await ResponseBody.ReadAllAsync(response, _pipeline.MaxResponseBytes, null, cancellationToken).ConfigureAwait(false);
            return InstanceJson.Read(body);
        }
    }

    public Task<Instance> ConfirmCompleteAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        return _pipeline.CallAsync("Storage.Instances.ConfirmComplete", options, retrySafe: true, StorageHints.Write, (t, ct) => t.CompleteInstanceAsync(instanceId.PartyId, instanceId.InstanceGuid, ct), cancellationToken);
    }

    public Task<Instance> SetSubstatusAsync(InstanceId instanceId, Substatus substatus, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        if (substatus is null) throw new ArgumentNullException(nameof(substatus));
        if (string.IsNullOrWhiteSpace(substatus.Label))
        {
            throw new ArgumentException("The substatus label is empty; Storage requires a label (plain text or a text resource key).", nameof(substatus));
        }

        if (substatus.Label!.Length > SubstatusLabelShownLength)
        {
            StorageLog.SubstatusLabelTooLong(_pipeline.Logger, instanceId, substatus.Label.Length);
        }

        return SetSubstatusCoreAsync(instanceId, substatus, options, cancellationToken);
    }

    public Task<Instance> SetReadStatusAsync(InstanceId instanceId, ReadStatus status, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        if (status is not (ReadStatus.Unread or ReadStatus.Read or ReadStatus.UpdatedSinceLastReview))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Use Unread, Read or UpdatedSinceLastReview.");
        }

        return _pipeline.CallAsync("Storage.Instances.SetReadStatus", options, retrySafe: true, StorageHints.Write, (t, ct) => t.UpdateReadStatusAsync(instanceId.PartyId, instanceId.InstanceGuid, status, ct), cancellationToken);
    }

    public Task<Instance> DeleteAsync(InstanceId instanceId, bool hard, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        return _pipeline.CallAsync(
            "Storage.Instances.Delete",
            options,
            retrySafe: true,
            status => status == 403
                ? "Storage refuses a delete when the caller lacks the delete action in the app's policy.xml (the app owner needs a rule giving its org 'delete'), or when the app's preventInstanceDeletionForDays has not passed since the instance was archived."
                : StorageHints.Read(status),
            (t, ct) => t.DeleteInstanceAsync(instanceId.PartyId, instanceId.InstanceGuid, hard, ct),
            cancellationToken);
    }

    public Task<Instance> SetPresentationTextsAsync(InstanceId instanceId, IReadOnlyDictionary<string, string?> texts, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        CheckKeys(texts, nameof(texts));
        var body = new PresentationTexts { Texts = texts };
        return _pipeline.CallAsync("Storage.Instances.SetPresentationTexts", options, retrySafe: true, StorageHints.Write, (t, ct) => t.UpdatePresentationTextsAsync(instanceId.PartyId, instanceId.InstanceGuid, body, ct), cancellationToken);
    }

    public Task<Instance> SetDataValuesAsync(InstanceId instanceId, IReadOnlyDictionary<string, string?> values, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        CheckKeys(values, nameof(values));
        var body = new DataValues { Values = values };
        return _pipeline.CallAsync("Storage.Instances.SetDataValues", options, retrySafe: true, StorageHints.Write, (t, ct) => t.UpdateDataValuesAsync(instanceId.PartyId, instanceId.InstanceGuid, body, ct), cancellationToken);
    }

    public async Task<IReadOnlyList<InstanceEvent>> GetEventsAsync(
        InstanceId instanceId, IEnumerable<string>? eventTypes, DateTimeOffset? from, DateTimeOffset? until, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        if (from.HasValue != until.HasValue)
        {
            throw new ArgumentException(
                "Give both from and until, or neither: Storage applies a time range only when both ends are given and would silently return every event otherwise.",
                from.HasValue ? nameof(until) : nameof(from));
        }

        if (from > until) throw new ArgumentException("from is after until.", nameof(from));
        string[]? types = eventTypes?.ToArray();
        if (types is not null && types.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("An event type is empty.", nameof(eventTypes));
        }

        // Sent in UTC: the generated transport writes the round-trip format with the offset, URL-encoded.
        DateTimeOffset? fromUtc = from?.ToUniversalTime();
        DateTimeOffset? untilUtc = until?.ToUniversalTime();
        InstanceEventList list = await _pipeline.CallAsync(
            "Storage.Instances.GetEvents",
            options, retrySafe: false, StorageHints.Read,
            (t, ct) => t.GetInstanceEventsAsync(instanceId.PartyId, instanceId.InstanceGuid, types is { Length: > 0 } ? types : null, fromUtc, untilUtc, ct),
            cancellationToken).ConfigureAwait(false);
        return list.InstanceEvents ?? Array.Empty<InstanceEvent>();
    }

    public async Task<IReadOnlyList<ProcessHistoryItem>> GetProcessHistoryAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        ProcessHistoryList list = await _pipeline.CallAsync(
            "Storage.Instances.GetProcessHistory",
            options, retrySafe: false, StorageHints.Read, (t, ct) => t.GetProcessHistoryAsync(instanceId.PartyId, instanceId.InstanceGuid, ct), cancellationToken).ConfigureAwait(false);
        return list.ProcessHistory ?? Array.Empty<ProcessHistoryItem>();
    }

    // Storage answers 500 (not 404) to a substatus for an instance that does not exist: it reads the missing instance's
    // org. So the first attempt is not retried; after a transient failure the instance is looked up, and only when it
    // exists is the write sent again with the usual retries. A missing one becomes the lookup's 404, saying why.
    private async Task<Instance> SetSubstatusCoreAsync(InstanceId instanceId, Substatus substatus, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        try
        {
            return await SendSubstatusAsync(retrySafe: false).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AltinnRequestFailedException { Status: 408 or 429 or >= 500 } or HttpRequestException)
        {
            _ = await _pipeline.CallAsync(
                "Storage.Instances.Get",
                options,
                retrySafe: false,
                status => status == 404
                    ? "The instance does not exist (or has been purged), so its substatus cannot be set; Storage answered the substatus call with 500 rather than 404."
                    : StorageHints.Read(status),
                (t, ct) => t.GetInstanceAsync(instanceId.PartyId, instanceId.InstanceGuid, ct),
                cancellationToken).ConfigureAwait(false);
            return await SendSubstatusAsync(retrySafe: true).ConfigureAwait(false);
        }

        Task<Instance> SendSubstatusAsync(bool retrySafe) => _pipeline.CallAsync(
            "Storage.Instances.SetSubstatus",
            options,
            retrySafe,
            status => status == 403
                ? "Only the app owner (an org token whose org is the instance's org) may set the substatus; users and system users always get 403."
                : StorageHints.Write(status),
            (t, ct) => t.UpdateSubstatusAsync(instanceId.PartyId, instanceId.InstanceGuid, substatus, ct),
            cancellationToken);
    }

    private static void CheckKeys(IReadOnlyDictionary<string, string?>? values, string parameterName)
    {
        if (values is null) throw new ArgumentNullException(parameterName);
        if (values.Keys.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("A key is empty.", parameterName);
    }
}
