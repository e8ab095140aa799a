using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Altinn.Sdk.Authentication;

/// <summary>Polyfills for APIs netstandard2.0 lacks.</summary>
internal static class AsyncHelpers
{
    /// <summary>Waits for <paramref name="task"/> until <paramref name="cancellationToken"/> fires; the task itself is not cancelled.</summary>
    public static Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
#if NET
        return task.WaitAsync(cancellationToken);
#else
        if (task.IsCompleted || !cancellationToken.CanBeCanceled) return task;
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
        return WaitSlowAsync(task, cancellationToken);
#endif
    }

#if !NET
    private static async Task<T> WaitSlowAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        return await task.ConfigureAwait(false);
    }
#endif

    /// <summary>Reads at most <paramref name="maxBytes"/> of the content as UTF-8 text.</summary>
    public static async Task<string> ReadTextAsync(HttpContent? content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content is null) return string.Empty;
#if NET
        using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        byte[] buffer = new byte[Math.Min(maxBytes, 16 * 1024)];
        using var collected = new MemoryStream();
        int read;
        while (collected.Length < maxBytes
            && (read = await stream.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, maxBytes - collected.Length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            collected.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(collected.GetBuffer(), 0, (int)collected.Length);
    }
}
