using Altinn.Sdk.Apps.Transport;

namespace Altinn.Sdk.Apps;

/// <summary>
/// Instances of one app through its App API: create (empty, with data, or with prefill values), get, delete, the
/// active instances of a party, substatus and complete confirmation. Get it from <see cref="AppClient.Instances"/>.
/// Thread-safe.
/// </summary>
/// <remarks>
/// The App API has no instance search: use Storage's instance query for that. Every method checks its arguments
/// before sending anything; a failed call throws <see cref="AltinnRequestFailedException"/> with the status and
/// what the app said. Delete, substatus and complete are idempotent and retried like a GET.
/// </remarks>
public partial class AppInstancesClient
{
    /// <summary>The number of characters of a substatus label the Altinn inbox shows in full (longer ones are cut to 22 + "...").</summary>
    internal const int SubstatusLabelShownLength = 25;

    /// <summary>The hint on a 403 to a delete: the <c>policy.xml</c> rule from Altinn's rule library that the app needs.</summary>
    internal const string DeletePolicyHint =
        "By default an app owner may not delete instances: the app's App/config/authorization/policy.xml needs the rule "
        + "\"org can delete an instance of org/app regardless of process state\" from Altinn's rule library (ask the app's developers to add it and redeploy). "
        + "End users may delete only their drafts, and the app's preventInstanceDeletionForDays may still forbid deleting an archived instance.";

    private readonly AppPipeline _pipeline;

    /// <summary>For mocking.</summary>
    protected AppInstancesClient()
    {
        _pipeline = null!;
    }

    internal AppInstancesClient(AppPipeline pipeline)
    {
        _pipeline = pipeline;
    }

    // ---- Create ----

    /// <summary>Creates an instance for an owner; see <see cref="CreateAsync(InstanceOwnerReference, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="owner">The instance owner.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new instance.</returns>
    public virtual Task<Instance> CreateAsync(InstanceOwnerReference owner, CancellationToken cancellationToken = default) =>
        CreateAsync(owner, (AltinnRequestOptions?)null, cancellationToken);

    /// <summary>
    /// Creates an instance for an owner (<c>POST instances</c> with an instance template naming the owner). The app
    /// starts the process in its first task and creates that task's automatic form data.
    /// </summary>
    /// <param name="owner">The instance owner: a party id, an organisation number or a national identity number.</param>
    /// <param name="options">Another identity for this request (for example a system user acting for the owner), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new instance (with <see cref="InstanceOwner.Party"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="owner"/> is null.</exception>
    /// <exception cref="AltinnRequestFailedException">
    /// 403 when the caller may not instantiate for the owner or the owner's party type is not allowed; 404 when the
    /// app cannot look the owner up in Register.
    /// </exception>
    public virtual Task<Instance> CreateAsync(InstanceOwnerReference owner, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (owner is null) throw new ArgumentNullException(nameof(owner));
        var template = new Instance { InstanceOwner = ToInstanceOwner(owner) };
        return _pipeline.CallAsync(
            "Apps.Instances.Create",
            options, retrySafe: false, CreateHint, (t, ct) => t.CreateInstanceAsync(template: template, cancellationToken: ct), cancellationToken);
    }

    /// <summary>Creates an instance with data elements; see <see cref="CreateAsync(InstanceOwnerReference, IEnumerable{InstanceDataPart}, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="owner">The instance owner.</param>
    /// <param name="data">The data elements to create with it.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new instance.</returns>
    public virtual Task<Instance> CreateAsync(InstanceOwnerReference owner, IEnumerable<InstanceDataPart> data, CancellationToken cancellationToken = default) =>
        CreateAsync(owner, data, null, cancellationToken);

    /// <summary>
    /// Creates an instance together with data elements in one request (<c>POST instances</c>, multipart): form data
    /// that prefills the first task's model, and attachments. Each part is streamed, not buffered. If the app
    /// rejects a part after creating the instance, the app deletes the instance again, so nothing is left half-made.
    /// </summary>
    /// <param name="owner">The instance owner.</param>
    /// <param name="data">The parts, in order; each names its data type.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new instance with its data elements.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="owner"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// A part is null; or, checked against the app's metadata before sending: a part names a data type the app does
    /// not have, has a content type the type does not allow, lacks a file name for an attachment, is longer than the
    /// type's <c>maxSize</c> (when its stream knows its length), or there are more parts of a type than its <c>maxCount</c>.
    /// </exception>
    /// <exception cref="AltinnRequestFailedException">The app refused (400 with the reason for a part it rejected).</exception>
    public virtual async Task<Instance> CreateAsync(InstanceOwnerReference owner, IEnumerable<InstanceDataPart> data, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (owner is null) throw new ArgumentNullException(nameof(owner));
        if (data is null) throw new ArgumentNullException(nameof(data));
        InstanceDataPart[] parts = data.ToArray();
        if (parts.Any(p => p is null)) throw new ArgumentException("A data part is null.", nameof(data));
        if (parts.Length == 0) return await CreateAsync(owner, options, cancellationToken).ConfigureAwait(false);

        ApplicationMetadata? metadata = await _pipeline.MetadataForChecksAsync(options, cancellationToken).ConfigureAwait(false);
        if (metadata is not null)
        {
            UploadRules.CheckParts(metadata, parts, nameof(data));
        }

        using MultipartFormDataContent content = RequestBodies.Instantiation(owner, parts);
        return await PostInstantiationAsync(content, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a multipart instantiation (never retried: a retry could create a second instance) and reads the new instance.</summary>
    private async Task<Instance> PostInstantiationAsync(MultipartFormDataContent content, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _pipeline.Uri("instances")) { Content = content };
        HttpResponseMessage response = await _pipeline.SendAsync("Apps.Instances.Create", request, options, retrySafe: false, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await AppPipeline.FailureAsync(response, CreateHint((int)response.StatusCode), cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            return await ResponseJson.ReadAsync(response, AltinnJsonContext.Default.Instance, _pipeline.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates an instance with prefill values; see <see cref="CreateWithPrefillAsync(InstanceOwnerReference, IReadOnlyDictionary{string, string}, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="owner">The instance owner.</param>
    /// <param name="prefill">Data model paths and their values.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new instance.</returns>
    public virtual Task<Instance> CreateWithPrefillAsync(InstanceOwnerReference owner, IReadOnlyDictionary<string, string> prefill, CancellationToken cancellationToken = default) =>
        CreateWithPrefillAsync(owner, prefill, null, cancellationToken);

    /// <summary>
    /// Creates an instance by simplified instantiation (<c>POST instances/create</c>): the app fills the first task's
    /// automatically created form data from <paramref name="prefill"/>, which maps dot-separated paths of the app's
    /// data model (for example <c>Skjema.Tittel</c>) to values. The app ignores paths its model does not have.
    /// </summary>
    /// <param name="owner">The instance owner.</param>
    /// <param name="prefill">Data model paths and their values; may be empty.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new instance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="owner"/> or <paramref name="prefill"/> is null.</exception>
    /// <exception cref="ArgumentException">A prefill key is empty, or a value is null.</exception>
    /// <exception cref="AltinnRequestFailedException">As <see cref="CreateAsync(InstanceOwnerReference, AltinnRequestOptions?, CancellationToken)"/>.</exception>
    public virtual Task<Instance> CreateWithPrefillAsync(InstanceOwnerReference owner, IReadOnlyDictionary<string, string> prefill, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (owner is null) throw new ArgumentNullException(nameof(owner));
        if (prefill is null) throw new ArgumentNullException(nameof(prefill));
        foreach (KeyValuePair<string, string> entry in prefill)
        {
            if (string.IsNullOrWhiteSpace(entry.Key)) throw new ArgumentException("A prefill key is empty; keys are data model paths such as 'Skjema.Tittel'.", nameof(prefill));
            if (entry.Value is null) throw new ArgumentException($"The prefill value of '{entry.Key}' is null; the app takes text values only.", nameof(prefill));
        }

        var body = new InstantiationRequest { InstanceOwner = owner.ToTemplate(), Prefill = prefill };
        return _pipeline.CallAsync("Apps.Instances.CreateWithPrefill", options, retrySafe: false, CreateHint, (t, ct) => t.CreateInstanceSimplifiedAsync(body, null, ct), cancellationToken);
    }

    // ---- Get, delete, active ----

    /// <summary>Gets an instance; see <see cref="GetAsync(InstanceId, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance.</returns>
    public virtual Task<Instance> GetAsync(InstanceId instanceId, CancellationToken cancellationToken = default) =>
        GetAsync(instanceId, null, cancellationToken);

    /// <summary>
    /// Gets an instance (<c>GET instances/{partyId}/{guid}</c>) with the owner's party details. A read by anyone
    /// but the app owner marks the instance read; data elements the caller may not read are left out.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="AltinnRequestFailedException">404 when missing or hidden from the caller; 403 when not allowed.</exception>
    public virtual Task<Instance> GetAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        AppPipeline.CheckInstanceId(instanceId);
        return _pipeline.CallAsync(
            "Apps.Instances.Get",
            options, retrySafe: false, AppPipeline.InstanceHint, (t, ct) => t.GetInstanceAsync(instanceId.PartyId, instanceId.InstanceGuid, ct), cancellationToken);
    }

    /// <summary>Deletes an instance; see <see cref="DeleteAsync(InstanceId, bool, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="hard"><see langword="true"/> for a hard delete.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The deleted instance.</returns>
    public virtual Task<Instance> DeleteAsync(InstanceId instanceId, bool hard, CancellationToken cancellationToken = default) =>
        DeleteAsync(instanceId, hard, null, cancellationToken);

    /// <summary>
    /// Deletes an instance (<c>DELETE instances/{partyId}/{guid}?hard=</c>): soft (the owner can restore it from the
    /// inbox's bin) or hard (hidden from the owner and purged by Altinn later). The app answers with the updated
    /// instance. Deleting twice gives the same result, so the request is retried like a GET.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="hard"><see langword="true"/> for a hard delete, <see langword="false"/> for a soft delete.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance with its deletion flags set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="AltinnRequestFailedException">
    /// 403 when the app's policy does not allow it: the message names the <c>policy.xml</c> rule an app owner needs.
    /// </exception>
    public virtual Task<Instance> DeleteAsync(InstanceId instanceId, bool hard, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        AppPipeline.CheckInstanceId(instanceId);
        return _pipeline.CallAsync(
            "Apps.Instances.Delete",
            options,
            retrySafe: true,
            status => status == 403 ? DeletePolicyHint : AppPipeline.InstanceHint(status),
            (t, ct) => t.DeleteInstanceAsync(instanceId.PartyId, instanceId.InstanceGuid, hard, ct),
            cancellationToken);
    }

    /// <summary>Lists a party's active instances; see <see cref="GetActiveAsync(int, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="partyId">The instance owner's party id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The active instances.</returns>
    public virtual Task<IReadOnlyList<SimpleInstance>> GetActiveAsync(int partyId, CancellationToken cancellationToken = default) =>
        GetActiveAsync(partyId, null, cancellationToken);

    /// <summary>
    /// Lists a party's instances of this app that are neither archived nor deleted (<c>GET instances/{partyId}/active</c>),
    /// in one answer (the app pages through Storage itself). To search more widely, use Storage's instance query.
    /// </summary>
    /// <param name="partyId">The instance owner's party id.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The active instances, with presentation texts and a display name for who changed them last.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partyId"/> is 0 or negative.</exception>
    /// <exception cref="AltinnRequestFailedException">403 when the caller may not act for the party.</exception>
    public virtual Task<IReadOnlyList<SimpleInstance>> GetActiveAsync(int partyId, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (partyId <= 0) throw new ArgumentOutOfRangeException(nameof(partyId), partyId, "A party id is a positive number.");
        return _pipeline.CallAsync("Apps.Instances.GetActive", options, retrySafe: false, AppPipeline.InstanceHint, (t, ct) => t.GetActiveInstancesAsync(partyId, ct), cancellationToken);
    }

    // ---- Substatus, complete ----

    /// <summary>Sets an instance's substatus; see <see cref="SetSubstatusAsync(InstanceId, Substatus, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="substatus">The substatus.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The updated instance.</returns>
    public virtual Task<Instance> SetSubstatusAsync(InstanceId instanceId, Substatus substatus, CancellationToken cancellationToken = default) =>
        SetSubstatusAsync(instanceId, substatus, null, cancellationToken);

    /// <summary>
    /// Sets the substatus the Altinn inbox and the receipt show (<c>PUT instances/{partyId}/{guid}/substatus</c>); only
    /// the app owner may. Label and description are plain text or keys of the app's texts (no variables). The inbox
    /// shows a label of up to 25 characters whole and cuts a longer one to 22 + "..." (a warning is logged).
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="substatus">The substatus; its label must not be empty.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The updated instance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> or <paramref name="substatus"/> is null.</exception>
    /// <exception cref="ArgumentException">The label is empty.</exception>
    /// <exception cref="AltinnRequestFailedException">403 unless the caller is the app owner org.</exception>
    public virtual Task<Instance> SetSubstatusAsync(InstanceId instanceId, Substatus substatus, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        AppPipeline.CheckInstanceId(instanceId);
        if (substatus is null) throw new ArgumentNullException(nameof(substatus));
        if (string.IsNullOrWhiteSpace(substatus.Label)) throw new ArgumentException("A substatus needs a label: the app refuses an empty one.", nameof(substatus));
        if (substatus.Label!.Length > SubstatusLabelShownLength) AppsLog.SubstatusLabelTooLong(_pipeline.Logger, instanceId, substatus.Label.Length);
        return _pipeline.CallAsync(
            "Apps.Instances.SetSubstatus",
            options,
            retrySafe: true,
            status => status == 403 ? "Only the app owner org (a service-owner token of the instance's org) may set a substatus." : AppPipeline.InstanceHint(status),
            (t, ct) => t.UpdateSubstatusAsync(instanceId.PartyId, instanceId.InstanceGuid, substatus, ct),
            cancellationToken);
    }

    /// <summary>Confirms an instance complete; see <see cref="ConfirmCompleteAsync(InstanceId, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The updated instance.</returns>
    public virtual Task<Instance> ConfirmCompleteAsync(InstanceId instanceId, CancellationToken cancellationToken = default) =>
        ConfirmCompleteAsync(instanceId, null, cancellationToken);

    /// <summary>
    /// Confirms that the calling app owner has received the instance (<c>POST instances/{partyId}/{guid}/complete</c>),
    /// adding the org to <see cref="Instance.CompleteConfirmations"/>. For an app with <c>autoDeleteOnProcessEnd</c> this
    /// lets Altinn purge the instance once its hard delete and this confirmation are both 7 days old, so download its data
    /// first. Idempotent per org.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The updated instance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="AltinnRequestFailedException">403 when the app's policy does not give the caller the <c>complete</c> action (normally only the app owner).</exception>
    public virtual Task<Instance> ConfirmCompleteAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        AppPipeline.CheckInstanceId(instanceId);
        return _pipeline.CallAsync(
            "Apps.Instances.ConfirmComplete",
            options,
            retrySafe: true,
            status => status == 403 ? "Confirming complete needs the app policy's complete action, which the app owner org normally has and end users do not." : AppPipeline.InstanceHint(status),
            (t, ct) => t.CompleteInstanceAsync(instanceId.PartyId, instanceId.InstanceGuid, ct),
            cancellationToken);
    }

    private static InstanceOwner ToInstanceOwner(InstanceOwnerReference owner)
    {
        OwnerIdentifier id = owner.ToTemplate();
        return new InstanceOwner { PartyId = id.PartyId, OrganisationNumber = id.OrganisationNumber, PersonNumber = id.PersonNumber };
    }

    private static string? CreateHint(int status) => status switch
    {
        403 => "The caller may not create instances for this owner: end users and system users must be allowed to act for the owner, app owners need altinn:serviceowner/instances.write, and the owner's party type must be in the app's partyTypesAllowed.",
        404 => "The app could not find the owner in Altinn Register (check the party id, organisation number or national identity number), or no app answers at this address.",
        _ => null,
    };
}
