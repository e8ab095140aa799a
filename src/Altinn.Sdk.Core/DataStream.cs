namespace Altinn.Sdk;

/// <summary>
/// The content of a downloaded file (a data element) as a live, read-only network stream, with the content type,
/// file name and length the service sent. It owns the HTTP response: dispose it (<c>await using</c>) to release
/// the connection.
/// </summary>
/// <remarks>
/// <para>Nothing is buffered: bytes are read from the connection as the caller reads them. Copy the content
/// where it belongs with <see cref="Stream.CopyToAsync(Stream, int, CancellationToken)"/> (or any read).</para>
/// <para>When the response declared a <c>Content-Length</c>, every read checks it: reaching the end of the content
/// with fewer bytes, or receiving more bytes than declared, throws <see cref="IOException"/>, so a truncated
/// download is never mistaken for a complete file.</para>
/// </remarks>
public sealed class DataStream : Stream
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _content;
    private long _position;
    private bool _disposed;

    private DataStream(HttpResponseMessage response, Stream content)
    {
        _response = response;
        _content = content;
        HttpContentHeadersView headers = new(response.Content);
        ContentType = headers.ContentType;
        ContentLength = headers.ContentLength;
        FileName = headers.FileName;
    }

    /// <summary>The media type the service sent, for example <c>application/pdf</c> (with parameters such as
    /// <c>charset</c> when sent); <see langword="null"/> when the response had no <c>Content-Type</c>.</summary>
    public string? ContentType { get; }

    /// <summary>
    /// The file name from <c>Content-Disposition</c>: the RFC 5987 <c>filename*</c> (for example
    /// <c>filename*=UTF-8''s%C3%B8knad.pdf</c>) when present and readable, else <c>filename</c> with quotes removed;
    /// <see langword="null"/> when the response named no file.
    /// </summary>
    /// <remarks>The name comes from the service: strip directory parts (<see cref="Path.GetFileName(string)"/>)
    /// before using it in a local path.</remarks>
    public string? FileName { get; }

    /// <summary>The number of bytes the response declared (<c>Content-Length</c>), or <see langword="null"/> when it did not.</summary>
    public long? ContentLength { get; }

    /// <inheritdoc/>
    public override bool CanRead => !_disposed;

    /// <summary>Always <see langword="false"/>: the content is read once, from the network.</summary>
    public override bool CanSeek => false;

    /// <summary>Always <see langword="false"/>.</summary>
    public override bool CanWrite => false;

    /// <summary>The declared length of the content (<see cref="ContentLength"/>).</summary>
    /// <exception cref="NotSupportedException">The response did not declare a length; see <see cref="ContentLength"/>.</exception>
    public override long Length => ContentLength
        ?? throw new NotSupportedException("The response did not declare a Content-Length, so the length is unknown until the stream has been read; check ContentLength for null.");

    /// <summary>The number of bytes read so far. Setting it is not supported.</summary>
    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException("A DataStream cannot seek: it reads the content once, from the network.");
    }

    /// <summary>
    /// Wraps a successful response in a <see cref="DataStream"/>, which from then on owns (and disposes) the response.
    /// The caller checks the status first: this method does not.
    /// </summary>
    /// <param name="response">A response received with <see cref="HttpCompletionOption.ResponseHeadersRead"/>, so its content is still on the wire.</param>
    /// <param name="cancellationToken">Cancels opening the content stream.</param>
    /// <returns>The stream over the response content.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is null.</exception>
    /// <remarks>If opening the content fails, the response is disposed before the exception propagates.</remarks>
    public static async Task<DataStream> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response is null) throw new ArgumentNullException(nameof(response));
        try
        {
            Stream content;
            if (response.Content is null)
            {
                content = Stream.Null;
            }
            else
            {
#if NET
                content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
                cancellationToken.ThrowIfCancellationRequested();
                content = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            }

            return new DataStream(response, content);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count)
    {
        ThrowIfDisposed();
        return Count(_content.Read(buffer, offset, count), count);
    }

    /// <inheritdoc/>
    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        return Count(await _content.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false), count);
    }

#if NET
    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        ThrowIfDisposed();
        return Count(_content.Read(buffer), buffer.Length);
    }

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Count(await _content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false), buffer.Length);
    }
#endif

    /// <summary>Does nothing: the stream is read-only.</summary>
    public override void Flush()
    {
    }

    /// <summary>Not supported: the stream reads the content once.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override long Seek(long offset, SeekOrigin origin) =>
        throw new NotSupportedException("A DataStream cannot seek: it reads the content once, from the network.");

    /// <summary>Not supported: the stream is read-only.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void SetLength(long value) => throw new NotSupportedException("A DataStream is read-only.");

    /// <summary>Not supported: the stream is read-only.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A DataStream is read-only.");

    /// <summary>Describes the content without reading it.</summary>
    public override string ToString() =>
        $"DataStream {FileName ?? "(no file name)"}, {ContentType ?? "(no content type)"}, "
        + (ContentLength is long length ? length.ToString(CultureInfo.InvariantCulture) + " bytes" : "length unknown");

    /// <summary>Disposes the content stream and the HTTP response, which releases the connection.</summary>
    /// <param name="disposing">Whether this is a call to <see cref="Stream.Dispose()"/>.</param>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _content.Dispose();
            _response.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read, int requested)
    {
        if (read > 0)
        {
            _position += read;
            if (ContentLength is long declared && _position > declared)
            {
                throw new IOException(
                    $"The response sent more bytes than its Content-Length of {declared} declared (at least {_position}); the content is not what the service described, so it was not accepted.");
            }
        }
        else if (requested > 0 && ContentLength is long declared && _position != declared)
        {
            throw new IOException(
                $"The response ended after {_position} of the {declared} bytes its Content-Length declared; the download is incomplete (the connection may have been closed). Retry the download.");
        }

        return read;
    }

    private void ThrowIfDisposed()
    {
        if (_disposed) throw new ObjectDisposedException(nameof(DataStream));
    }

    /// <summary>Reads the headers a download needs, tolerating malformed <c>Content-Disposition</c> values.</summary>
    private readonly struct HttpContentHeadersView
    {
        public HttpContentHeadersView(HttpContent? content)
        {
            ContentType = content?.Headers.ContentType?.ToString();
            ContentLength = content?.Headers.ContentLength;
            string? disposition = null;
            if (content is not null && content.Headers.TryGetValues("Content-Disposition", out var values))
            {
                disposition = string.Join(", ", values);
            }

            FileName = ContentDispositionFileName.Parse(disposition);
        }

        public string? ContentType { get; }

        public long? ContentLength { get; }

        public string? FileName { get; }
    }
}

/// <summary>Reads the file name from a <c>Content-Disposition</c> header value.</summary>
internal static class ContentDispositionFileName
{
    /// <summary>
    /// The <c>filename*</c> parameter (RFC 5987 <c>charset'language'percent-encoded</c>, UTF-8 or ISO-8859-1) when
    /// present and decodable, else <c>filename</c> with surrounding quotes removed and backslash escapes undone;
    /// <see langword="null"/> when neither is present or the value is empty.
    /// </summary>
    public static string? Parse(string? headerValue)
    {
        if (string.IsNullOrWhiteSpace(headerValue)) return null;
        string? plain = null;
        string? extended = null;
        foreach ((string name, string value) in Parameters(headerValue!))
        {
            if (extended is null && name.Equals("filename*", StringComparison.OrdinalIgnoreCase))
            {
                extended = DecodeExtended(value);
            }
            else if (plain is null && name.Equals("filename", StringComparison.OrdinalIgnoreCase))
            {
                plain = Unquote(value);
            }
        }

        string? result = !string.IsNullOrEmpty(extended) ? extended : plain;
        return string.IsNullOrEmpty(result) ? null : result;
    }

    private static System.Collections.Generic.IEnumerable<(string Name, string Value)> Parameters(string header)
    {
        int i = 0;
        while (i < header.Length)
        {
            // Skip to the start of the next parameter (the disposition type comes first and has no '=').
            int semicolon = NextSeparator(header, i);
            string part = header.Substring(i, semicolon - i);
            i = semicolon + 1;
            int eq = part.IndexOf('=');
            if (eq <= 0) continue;
            yield return (part.Substring(0, eq).Trim(), part.Substring(eq + 1).Trim());
        }
    }

    private static int NextSeparator(string header, int start)
    {
        bool quoted = false;
        for (int i = start; i < header.Length; i++)
        {
            char c = header[i];
            if (quoted && c == '\\') i++;
            else if (c == '"') quoted = !quoted;
            else if (c == ';' && !quoted) return i;
        }

        return header.Length;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"')
        {
            var result = new StringBuilder(value.Length);
            for (int i = 1; i < value.Length - 1; i++)
            {
                if (value[i] == '\\' && i + 1 < value.Length - 1) i++;
                result.Append(value[i]);
            }

            return result.ToString();
        }

        return value.Trim('"');
    }

    private static string? DecodeExtended(string value)
    {
        value = Unquote(value);
        int first = value.IndexOf('\'');
        int second = first < 0 ? -1 : value.IndexOf('\'', first + 1);
        if (second < 0) return null;
        string charset = value.Substring(0, first);
        Encoding encoding;
        if (charset.Equals("UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            encoding = new UTF8Encoding(false, throwOnInvalidBytes: true);
        }
        else if (charset.Equals("ISO-8859-1", StringComparison.OrdinalIgnoreCase))
        {
            encoding = Encoding.GetEncoding(28591);
        }
        else
        {
            return null;
        }

        string encoded = value.Substring(second + 1);
        var bytes = new byte[encoded.Length];
        int count = 0;
        for (int i = 0; i < encoded.Length; i++)
        {
            char c = encoded[i];
            if (c == '%')
            {
                if (i + 2 >= encoded.Length
                    || !byte.TryParse(encoded.Substring(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte b))
                {
                    return null;
                }

                bytes[count++] = b;
                i += 2;
            }
            else if (c > 0x7F)
            {
                return null;
            }
            else
            {
                bytes[count++] = (byte)c;
            }
        }

        try
        {
            return encoding.GetString(bytes, 0, count);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
