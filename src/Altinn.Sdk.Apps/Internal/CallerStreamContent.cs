using System.Diagnostics.CodeAnalysis;

namespace Altinn.Sdk.Apps;

/// <summary>
/// Streams a caller's <see cref="Stream"/> into a request without taking it over: disposing the request (or, on .NET
/// Framework, <see cref="HttpClient"/> after sending) leaves the stream open, as the upload methods document.
/// </summary>
internal sealed class CallerStreamContent : StreamContent
{
    public CallerStreamContent(Stream content)
        : base(content)
    {
    }

    [SuppressMessage("Usage", "CA2215:Dispose methods should call base class dispose", Justification =
        "StreamContent's Dispose only disposes the caller's stream, which the caller owns; this content never buffers.")]
    protected override void Dispose(bool disposing)
    {
    }
}
