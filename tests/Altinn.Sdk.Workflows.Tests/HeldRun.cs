using static Altinn.Sdk.Workflows.Tests.WorkflowEmulator;

namespace Altinn.Sdk.Workflows.Tests;

/// <summary>An archive run held at its first instance (by its progress callback) until released; it holds the app's lock meanwhile.</summary>
internal sealed class HeldRun : IAsyncDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private readonly TaskCompletionSource _inside = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task<ArchiveResult> _run = null!;

    public static async Task<HeldRun> StartAsync(WorkflowEmulator env)
    {
        var held = new HeldRun();
        var progress = new CallbackProgress(p =>
        {
            if (p.Step != WorkflowStep.Started) return;
            held._inside.TrySetResult();
            held._release.Wait(TimeSpan.FromMinutes(2));
        });
        held._run = Task.Run(() => env.Workflows.ArchiveAsync(DemoApp, env.Folder, new ArchiveOptions { MaxConcurrency = 1, Progress = progress }));
        await held._inside.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return held;
    }

    public Task<ArchiveResult> ReleaseAsync()
    {
        _release.Set();
        return _run.WaitAsync(TimeSpan.FromMinutes(2));
    }

    public async ValueTask DisposeAsync()
    {
        _release.Set();
        try
        {
            await _run.WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (WorkflowStoppedException)
        {
        }

        _release.Dispose();
    }
}
