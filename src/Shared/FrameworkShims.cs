// Shared source: compiled into Altinn.Sdk.Storage, Altinn.Sdk.Apps, Altinn.Sdk.Events and Altinn.Sdk.Workflows (each
// gets its own internal copy). The libraries target net10.0 and netstandard2.0; where the two frameworks differ, the
// difference is written once here, one static class per concern, so service code calls one API and has no #if.
using System;
using System.IO;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Altinn.Sdk.Internal;

/// <summary>Reading response content with a cancellation token on both frameworks.</summary>
internal static class HttpContentReads
{
    /// <summary>The content as a stream.</summary>
    public static Task<Stream> StreamAsync(HttpContent content, CancellationToken cancellationToken) =>
#if NET
        content.ReadAsStreamAsync(cancellationToken);
#else
        content.ReadAsStreamAsync();
#endif

    /// <summary>
    /// Reads the response's content into memory and returns it as text. On netstandard2.0, where buffering takes no
    /// token, cancelling disposes the response.
    /// </summary>
    public static async Task<string> BufferedStringAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
#if NET
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);

        // Buffered above: nothing left to wait for.
        return await response.Content.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false);
#else
        using (cancellationToken.Register(response.Dispose)) await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
#endif
    }
}

/// <summary>Stream, text and file operations on both frameworks.</summary>
internal static class StreamShims
{
    /// <summary>Reads a text reader to its end.</summary>
    public static Task<string> ReadToEndAsync(TextReader reader, CancellationToken cancellationToken) =>
#if NET
        reader.ReadToEndAsync(cancellationToken);
#else
        reader.ReadToEndAsync();
#endif

    /// <summary>Writes bytes to a stream.</summary>
    public static async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
#if NET
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
#else
        byte[] array = bytes.ToArray();
        await stream.WriteAsync(array, 0, array.Length, cancellationToken).ConfigureAwait(false);
#endif
    }

    /// <summary>Reads a whole file.</summary>
    public static Task<byte[]> ReadAllBytesAsync(string path, CancellationToken cancellationToken) =>
#if NET
        File.ReadAllBytesAsync(path, cancellationToken);
#else
        Task.Run(() => File.ReadAllBytes(path), cancellationToken);
#endif

    /// <summary>Moves a finished temporary file over its final name, replacing what was there.</summary>
    public static void MoveReplacing(string temporary, string final)
    {
#if NET
        File.Move(temporary, final, overwrite: true);
#else
        if (File.Exists(final))
        {
            File.Replace(temporary, final, destinationBackupFileName: null);
        }
        else
        {
            File.Move(temporary, final);
        }
#endif
    }
}

/// <summary>Hashes on both frameworks.</summary>
internal static class Hashes
{
    /// <summary>The SHA-256 of <paramref name="length"/> bytes of <paramref name="bytes"/> from <paramref name="offset"/>.</summary>
    public static byte[] Sha256(byte[] bytes, int offset, int length)
    {
#if NET
        return SHA256.HashData(bytes.AsSpan(offset, length));
#else
        using var sha = SHA256.Create();
        return sha.ComputeHash(bytes, offset, length);
#endif
    }

    /// <summary>The SHA-256 of all of <paramref name="bytes"/>.</summary>
    public static byte[] Sha256(byte[] bytes) => Sha256(bytes, 0, bytes.Length);

    /// <summary>The HMAC-SHA256 of <paramref name="data"/> with <paramref name="key"/>.</summary>
    public static byte[] HmacSha256(byte[] key, byte[] data)
    {
#if NET
        return HMACSHA256.HashData(key, data);
#else
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(data);
#endif
    }

    /// <summary>Compares two hashes in time that does not depend on where they differ.</summary>
    public static bool FixedTimeEquals(byte[] expected, byte[] actual)
    {
#if NET
        return CryptographicOperations.FixedTimeEquals(expected, actual);
#else
        int difference = expected.Length ^ actual.Length;
        for (int i = 0; i < expected.Length && i < actual.Length; i++) difference |= expected[i] ^ actual[i];
        return difference == 0;
#endif
    }
}

/// <summary>Waiting on a <see cref="TimeProvider"/> on both frameworks.</summary>
internal static class TimeShims
{
    /// <summary>Waits <paramref name="delay"/> on <paramref name="clock"/>.</summary>
    public static Task Delay(TimeProvider clock, TimeSpan delay, CancellationToken cancellationToken) =>
#if NET
        Task.Delay(delay, clock, cancellationToken);
#else
        clock.Delay(delay, cancellationToken);
#endif
}
