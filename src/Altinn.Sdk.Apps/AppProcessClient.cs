using Altinn.Sdk.Apps.Transport;

namespace Altinn.Sdk.Apps;

/// <summary>
/// The process of one app's instances: the state, moving to the next task, and the history. Get it from
/// <see cref="AppClient.Process"/>. Thread-safe.
/// </summary>
public class AppProcessClient
{
    /// <summary>The hint on a 409 from <c>process/next</c>.</summary>
    internal const string NextConflictHint =
        "The app did not move the process: it answers 409 when the task's validation fails (see the validation issues, also in the exception's Problem.ValidationIssues), "
        + "when the process has ended or not started, or when the instance is not active.";

    private readonly AppPipeline _pipeline;
    private readonly AppInstancesClient _instances;

    /// <summary>For mocking.</summary>
    protected AppProcessClient()
    {
        _pipeline = null!;
        _instances = null!;
    }

    internal AppProcessClient(AppPipeline pipeline)
    {
        _pipeline = pipeline;
        _instances = new AppInstancesClient(pipeline);
    }

    /// <summary>Gets the process state; see <see cref="GetAsync(InstanceId, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The process state.</returns>
    public virtual Task<ProcessState> GetAsync(InstanceId instanceId, CancellationToken cancellationToken = default) =>
        GetAsync(instanceId, null, cancellationToken);

    /// <summary>
    /// Gets the instance's process state (<c>GET instances/{partyId}/{guid}/process</c>): the current task (absent
    /// after the end, <see cref="ProcessState.Ended"/> set). The App API adds the caller's allowed actions and the
    /// process's tasks, kept as unknown properties of the model.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The process state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="AltinnRequestFailedException">404/403 as for the instance.</exception>
    public virtual Task<ProcessState> GetAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        AppPipeline.CheckInstanceId(instanceId);
        return _pipeline.CallAsync(
            "Apps.Process.Get",
            options, retrySafe: false, AppPipeline.InstanceHint, (t, ct) => t.GetProcessAsync(instanceId.PartyId, instanceId.InstanceGuid, ct), cancellationToken);
    }

    /// <summary>Moves the process to the next task; see <see cref="NextAsync(InstanceId, string?, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new process state.</returns>
    public virtual Task<ProcessState> NextAsync(InstanceId instanceId, CancellationToken cancellationToken = default) =>
        NextAsync(instanceId, null, null, cancellationToken);

    /// <summary>Moves the process to the next task with an action; see <see cref="NextAsync(InstanceId, string?, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="action">The action, or <see langword="null"/> for the task type's default.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new process state.</returns>
    public virtual Task<ProcessState> NextAsync(InstanceId instanceId, string? action, CancellationToken cancellationToken = default) =>
        NextAsync(instanceId, action, null, cancellationToken);

    /// <summary>
    /// Completes the current task and moves the process to the next task or to the end
    /// (<c>PUT instances/{partyId}/{guid}/process/next</c>). The app validates the task first. Not retried: a repeated
    /// request would move the process twice.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="action">
    /// The action, or <see langword="null"/> for the task type's default (<c>write</c> for data tasks, <c>confirm</c>,
    /// <c>sign</c>, ...); <c>reject</c> follows the task's reject flow.
    /// </param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new process state (the App API does not return the instance: use <see cref="NextAndGetInstanceAsync(InstanceId, string?, AltinnRequestOptions?, CancellationToken)"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="action"/> is empty or blank.</exception>
    /// <exception cref="AltinnRequestFailedException">
    /// 409 when validation fails (<see cref="AltinnProblemDetails.ValidationIssues"/> of <see cref="AltinnRequestFailedException.Problem"/>
    /// lists the issues, and the message shows the first ones), or the process has ended or not started; 403 when the
    /// caller may not perform the action in this task.
    /// </exception>
    public virtual Task<ProcessState> NextAsync(InstanceId instanceId, string? action, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        AppPipeline.CheckInstanceId(instanceId);
        if (action is not null && string.IsNullOrWhiteSpace(action)) throw new ArgumentException("The action is blank; pass null for the task type's default.", nameof(action));
        ProcessNext? body = action is null ? null : new ProcessNext { Action = action };
        return _pipeline.CallAsync(
            "Apps.Process.Next",
            options,
            retrySafe: false,
            status => status == 409 ? NextConflictHint
                : status == 403 ? "The caller may not perform this action in the current task (the app's policy decides per task; data tasks need write, confirmation tasks confirm, signing tasks sign)."
                : AppPipeline.InstanceHint(status),
            (t, ct) => t.NextProcessAsync(instanceId.PartyId, instanceId.InstanceGuid, null, body, ct),
            cancellationToken);
    }

    /// <summary>Moves the process and reads the instance; see <see cref="NextAndGetInstanceAsync(InstanceId, string?, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The instance after the move.</returns>
    public virtual Task<Instance> NextAndGetInstanceAsync(InstanceId instanceId, CancellationToken cancellationToken = default) =>
        NextAndGetInstanceAsync(instanceId, null, null, cancellationToken);

    /// <summary>
    /// As <see cref="NextAsync(InstanceId, string?, AltinnRequestOptions?, CancellationToken)"/>, then reads the
    /// instance again (<c>GET instances/{partyId}/{guid}</c>), since the App API answers a move with the process state
    /// only. When the move ended the process of an app with <c>autoDeleteOnProcessEnd</c>, an end user gets 404 on the
    /// read (the instance is hidden from them); the process has moved all the same.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="action">The action, or <see langword="null"/> for the task type's default.</param>
    /// <param name="options">Another identity for both requests, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The instance after the move.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="AltinnRequestFailedException">As for the move; or from the read, after the process has moved.</exception>
    public virtual async Task<Instance> NextAndGetInstanceAsync(InstanceId instanceId, string? action, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        _ = await NextAsync(instanceId, action, options, cancellationToken).ConfigureAwait(false);
        return await _instances.GetAsync(instanceId, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the process history; see <see cref="GetHistoryAsync(InstanceId, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The history.</returns>
    public virtual Task<ProcessHistoryList> GetHistoryAsync(InstanceId instanceId, CancellationToken cancellationToken = default) =>
        GetHistoryAsync(instanceId, null, cancellationToken);

    /// <summary>Gets the instance's process history, oldest first (<c>GET instances/{partyId}/{guid}/process/history</c>).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The history: start and end of each task and the end event, with who performed them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="AltinnRequestFailedException">404/403 as for the instance.</exception>
    public virtual Task<ProcessHistoryList> GetHistoryAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        AppPipeline.CheckInstanceId(instanceId);
        return _pipeline.CallAsync(
            "Apps.Process.GetHistory",
            options, retrySafe: false, AppPipeline.InstanceHint, (t, ct) => t.GetProcessHistoryAsync(instanceId.PartyId, instanceId.InstanceGuid, ct), cancellationToken);
    }
}
