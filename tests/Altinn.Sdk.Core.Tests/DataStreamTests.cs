using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Altinn.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Altinn.Sdk.Tests;

public class DataStreamTests
{
    private static readonly byte[] s_pdf = Encoding.ASCII.GetBytes("%PDF-1.7 fake document body");

    private static async Task<DataStream> DownloadAsync(LoopbackServer server, HttpClient client, string path = "data")
    {
        HttpResponseMessage response = await client.GetAsync(server.Url(path), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return await DataStream.FromResponseAsync(response, CancellationToken.None);
    }

    [Fact]
    public async Task A_download_carries_content_type_file_name_and_length_and_reads_the_bytes()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/pdf";
            context.Response.ContentLength = s_pdf.Length;
            context.Response.Headers.ContentDisposition = "attachment; filename=\"soknad.pdf\"; filename*=UTF-8''s%C3%B8knad%20%C3%A6%C3%B8%C3%A5.pdf";
            await context.Response.Body.WriteAsync(s_pdf);
        });
        using var client = new HttpClient();

        await using DataStream content = await DownloadAsync(server, client);

        content.ContentType.Should().Be("application/pdf");
        content.FileName.Should().Be("søknad æøå.pdf", "filename* (RFC 5987, UTF-8) wins over filename");
        content.ContentLength.Should().Be(s_pdf.Length);
        content.Length.Should().Be(s_pdf.Length);
        content.CanRead.Should().BeTrue();
        content.CanSeek.Should().BeFalse();
        content.CanWrite.Should().BeFalse();
        content.Position.Should().Be(0);

        using var destination = new MemoryStream();
        await content.CopyToAsync(destination);
        destination.ToArray().Should().Equal(s_pdf);
        content.Position.Should().Be(s_pdf.Length);
        content.ToString().Should().Be($"DataStream søknad æøå.pdf, application/pdf, {s_pdf.Length} bytes");
    }

    [Fact]
    public async Task A_plain_quoted_filename_is_used_without_its_quotes()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/xml; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=\"model data.xml\"";
            await context.Response.WriteAsync("<model/>");
        });
        using var client = new HttpClient();

        await using DataStream content = await DownloadAsync(server, client);

        content.FileName.Should().Be("model data.xml");
        content.ContentType.Should().Be("text/xml; charset=utf-8");
        (await new StreamReader(content).ReadToEndAsync()).Should().Be("<model/>");
    }

    [Fact]
    public async Task Without_Content_Length_the_length_is_null_and_Stream_Length_explains()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            // No Content-Length: Kestrel sends the body chunked.
            await context.Response.WriteAsync("part one, ");
            await context.Response.Body.FlushAsync();
            await context.Response.WriteAsync("part two");
        });
        using var client = new HttpClient();

        await using DataStream content = await DownloadAsync(server, client);

        content.ContentLength.Should().BeNull();
        content.FileName.Should().BeNull();
        content.Invoking(c => c.Length).Should().Throw<NotSupportedException>().WithMessage("*did not declare a Content-Length*ContentLength*");
        (await new StreamReader(content).ReadToEndAsync()).Should().Be("part one, part two");
    }

    [Fact]
    public async Task The_content_is_streamed_not_buffered()
    {
        var releaseRest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentLength = 8;
            await context.Response.Body.WriteAsync("head"u8.ToArray());
            await context.Response.Body.FlushAsync();
            await releaseRest.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await context.Response.Body.WriteAsync("tail"u8.ToArray());
        });
        using var client = new HttpClient();

        await using DataStream content = await DownloadAsync(server, client);
        var buffer = new byte[4];
        await content.ReadExactlyAsync(buffer);

        Encoding.ASCII.GetString(buffer).Should().Be("head", "the first bytes arrive while the server still holds back the rest");
        releaseRest.SetResult();
        await content.ReadExactlyAsync(buffer);
        Encoding.ASCII.GetString(buffer).Should().Be("tail");
        (await content.ReadAsync(buffer)).Should().Be(0);
    }

    [Fact]
    public async Task Disposing_the_stream_disposes_the_response()
    {
        await using var server = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("content"));
        using var client = new HttpClient();
        HttpResponseMessage response = await client.GetAsync(server.Url("data"), HttpCompletionOption.ResponseHeadersRead);

        DataStream content = await DataStream.FromResponseAsync(response, CancellationToken.None);
        await content.DisposeAsync();

        await response.Content.Invoking(c => c.ReadAsStreamAsync()).Should().ThrowAsync<ObjectDisposedException>();
        content.CanRead.Should().BeFalse();
        await content.Invoking(c => c.ReadAsync(new byte[1]).AsTask()).Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task Disposing_the_stream_disposes_the_content_of_any_response()
    {
        var tracked = new TrackingContent("abc"u8.ToArray());
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = tracked };

        using (DataStream content = await DataStream.FromResponseAsync(response, CancellationToken.None))
        {
            tracked.Disposed.Should().BeFalse();
        }

        tracked.Disposed.Should().BeTrue();
    }

    [Fact]
    public async Task Fewer_bytes_than_Content_Length_is_an_IOException_that_explains()
    {
        var content = new ByteArrayContent(new byte[5]);
        content.Headers.ContentLength = 10;   // declares more than it holds
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };

        await using DataStream download = await DataStream.FromResponseAsync(response, CancellationToken.None);

        await download.Invoking(d => d.CopyToAsync(Stream.Null))
            .Should().ThrowAsync<IOException>().WithMessage("*ended after 5 of the 10 bytes*Content-Length*incomplete*");
    }

    [Fact]
    public async Task More_bytes_than_Content_Length_is_an_IOException_that_explains()
    {
        var content = new ByteArrayContent(new byte[12]);
        content.Headers.ContentLength = 10;
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };

        await using DataStream download = await DataStream.FromResponseAsync(response, CancellationToken.None);

        download.Invoking(d => d.CopyTo(Stream.Null))
            .Should().Throw<IOException>().WithMessage("*more bytes than its Content-Length of 10*");
    }

    [Fact]
    public async Task A_connection_closed_before_Content_Length_is_reached_surfaces_as_an_IOException()
    {
        var headersReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentLength = 100;
            await context.Response.Body.WriteAsync(new byte[40]);
            await context.Response.Body.FlushAsync();
            await headersReceived.Task.WaitAsync(TimeSpan.FromSeconds(10));
            context.Abort();
        });
        using var client = new HttpClient();

        await using DataStream content = await DownloadAsync(server, client);
        headersReceived.SetResult();

        await content.Invoking(c => c.CopyToAsync(Stream.Null)).Should().ThrowAsync<IOException>();
    }

    [Fact]
    public async Task When_opening_the_content_fails_the_response_is_disposed()
    {
        var failing = new TrackingContent([], failOpen: true);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = failing };

        await FluentActions.Awaiting(() => DataStream.FromResponseAsync(response, CancellationToken.None))
            .Should().ThrowAsync<InvalidOperationException>();
        failing.Disposed.Should().BeTrue();
        await FluentActions.Awaiting(() => DataStream.FromResponseAsync(null!, CancellationToken.None)).Should().ThrowAsync<ArgumentNullException>();
    }

    [Fact]
    public async Task The_stream_is_read_only_and_cannot_seek()
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([1, 2, 3]) };
        await using DataStream content = await DataStream.FromResponseAsync(response, CancellationToken.None);

        content.Invoking(c => c.Write([1], 0, 1)).Should().Throw<NotSupportedException>();
        content.Invoking(c => c.Seek(0, SeekOrigin.Begin)).Should().Throw<NotSupportedException>();
        content.Invoking(c => c.SetLength(1)).Should().Throw<NotSupportedException>();
        content.Invoking(c => c.Position = 0).Should().Throw<NotSupportedException>();
        content.ReadByte().Should().Be(1);
        content.Position.Should().Be(1);
    }

    [Theory]
    [InlineData("attachment; filename=report.pdf", "report.pdf")]
    [InlineData("attachment; filename=\"report 2024.pdf\"", "report 2024.pdf")]
    [InlineData("attachment; filename=\"a \\\"quoted\\\" name.txt\"", "a \"quoted\" name.txt")]
    [InlineData("attachment; filename=\"semi;colon.txt\"; size=3", "semi;colon.txt")]
    [InlineData("attachment; filename*=UTF-8''%E2%82%AC%20rates.txt", "€ rates.txt")]
    [InlineData("attachment; FILENAME*=utf-8'nb'bl%C3%A5b%C3%A6r.txt; filename=blabaer.txt", "blåbær.txt")]
    [InlineData("attachment; filename*=ISO-8859-1''bl%E5b%E6r.txt", "blåbær.txt")]
    [InlineData("attachment; filename*=UTF-8''bad%ZZ.txt; filename=fallback.txt", "fallback.txt")]
    [InlineData("attachment; filename*=UTF-8''%C3; filename=\"invalid utf8.txt\"", "invalid utf8.txt")]
    [InlineData("attachment; filename*=x-unknown''name.txt; filename=known.txt", "known.txt")]
    [InlineData("inline", null)]
    [InlineData("attachment; filename=\"\"", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Content_Disposition_file_names_are_read_as_RFC_6266_and_5987_say(string? header, string? expected)
    {
        ContentDispositionFileName.Parse(header).Should().Be(expected);
    }

    [Fact]
    public async Task A_malformed_Content_Disposition_still_yields_its_file_name()
    {
        var content = new ByteArrayContent([1]);
        // Unquoted with spaces and parentheses: not a valid token, so .NET's typed header parser rejects it.
        content.Headers.TryAddWithoutValidation("Content-Disposition", "attachment; filename=rapport (1) æ.pdf");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };

        await using DataStream download = await DataStream.FromResponseAsync(response, CancellationToken.None);

        content.Headers.ContentDisposition.Should().BeNull("the typed parser gave up on it");
        download.FileName.Should().Be("rapport (1) æ.pdf");
        download.ContentType.Should().Be("application/octet-stream");
    }

    private sealed class TrackingContent(byte[] bytes, bool failOpen = false) : HttpContent
    {
        public bool Disposed { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override Task<Stream> CreateContentReadStreamAsync() =>
            failOpen ? throw new InvalidOperationException("cannot open") : Task.FromResult<Stream>(new MemoryStream(bytes));

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
