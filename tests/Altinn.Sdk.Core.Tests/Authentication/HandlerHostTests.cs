using System.Net;
using System.Net.Http.Headers;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Tests.Infrastructure;

namespace Altinn.Sdk.Tests.Authentication;

public class HandlerHostTests
{
    private static readonly AltinnEnvironment s_exampleEnvironment =
        AltinnEnvironment.Custom("example", new Uri("https://platform.example/"), "https://{org}.apps.example/{org}/{app}/");

    [Fact]
    public async Task A_host_outside_the_environment_gets_no_token()
    {
        await using var server = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        var credential = new CountingCredential();
        var logger = HandlerHarness.TraceLogger();
        var context = new AltinnTokenContext(s_exampleEnvironment, [HandlerHarness.Scope]);
        using var client = HandlerHarness.Client(credential, context, logger);

        using var response = await client.GetAsync(server.Url("storage/api/v1/instances"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Requests.Should().ContainSingle().Which.Authorization.Should().BeNull();
        credential.Calls.Should().Be(0);
        var record = logger.Collector.GetSnapshot().Should().ContainSingle(r => r.Id.Name == "HostNotAltinn").Subject;
        record.Message.Should().Contain("127.0.0.1").And.NotContain("storage/api");
        logger.ShouldContainNoToken();
    }

    [Fact]
    public async Task A_host_outside_the_environment_gets_no_retry_on_401()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 401;
            return Task.CompletedTask;
        });
        await using var configured = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        var credential = new CountingCredential();
        using var client = HandlerHarness.Client(credential, HandlerHarness.LocalContext(configured.BaseUri));

        using var response = await client.GetAsync(server.Url("anything"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        server.Requests.Should().ContainSingle().Which.Authorization.Should().BeNull();
        credential.Calls.Should().Be(0);
    }

    // No server can stand at a non-loopback http:// address in a test, so a capturing handler stands in for the network.
    [Theory]
    [InlineData("http://platform.example/storage/api/v1/instances", false)]
    [InlineData("http://ttd.apps.example/ttd/app/instances", false)]
    [InlineData("https://platform.example:8443/storage/api/v1/instances", false)]
    [InlineData("https://platform.example.evil.test/storage/api/v1/instances", false)]
    [InlineData("https://platform.example/storage/api/v1/instances", true)]
    [InlineData("https://ttd.apps.example/ttd/app/instances", true)]
    public async Task Only_https_hosts_of_the_environment_get_a_token(string url, bool expectToken)
    {
        var capture = new CapturingHandler();
        var credential = new CountingCredential();
        var logger = HandlerHarness.TraceLogger();
        var context = new AltinnTokenContext(s_exampleEnvironment, [HandlerHarness.Scope]);
        using var client = new HttpClient(new AltinnAuthenticationHandler(credential, context, logger: LeakWatch.Tee(logger)) { InnerHandler = capture });

        using var response = await client.GetAsync(new Uri(url));

        capture.Authorizations.Should().ContainSingle();
        if (expectToken)
        {
            capture.Authorizations[0].Should().NotBeNull();
            capture.Authorizations[0]!.Scheme.Should().Be("Bearer");
            TestJwt.Pattern.IsMatch(capture.Authorizations[0]!.Parameter!).Should().BeTrue();
        }
        else
        {
            capture.Authorizations[0].Should().BeNull();
            credential.Calls.Should().Be(0);
        }

        logger.ShouldContainNoToken();
    }

    // A downgrade cannot be served over loopback (loopback HTTP is allowed on purpose), so a scripted handler answers.
    [Fact]
    public async Task A_redirect_from_https_to_plain_http_on_the_same_altinn_host_is_not_followed()
    {
        var sent = new List<(Uri Uri, AuthenticationHeaderValue? Authorization)>();
        var network = new ScriptedHandler(request =>
        {
            lock (sent) sent.Add((request.RequestUri!, request.Headers.Authorization));
            if (request.RequestUri!.Scheme == Uri.UriSchemeHttps)
            {
                var redirect = new HttpResponseMessage(HttpStatusCode.Found) { RequestMessage = request };
                redirect.Headers.Location = new Uri("http://platform.example/storage/api/v1/instances");
                return redirect;
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request };
        });
        var credential = new CountingCredential();
        var logger = HandlerHarness.TraceLogger();
        var context = new AltinnTokenContext(s_exampleEnvironment, [HandlerHarness.Scope]);
        using var client = new HttpClient(new AltinnAuthenticationHandler(credential, context, logger: logger) { InnerHandler = network });

        using var response = await client.GetAsync(new Uri("https://platform.example/storage/api/v1/instances"));

        // Not followed at all (as HttpClient itself never follows HTTPS to HTTP): the caller gets the 302.
        response.StatusCode.Should().Be(HttpStatusCode.Found);
        sent.Should().ContainSingle().Which.Authorization.Should().NotBeNull("the first hop is HTTPS to the environment's platform host");
        sent.Should().NotContain(s => s.Uri.Scheme == Uri.UriSchemeHttp && s.Authorization != null, "a token never travels over plain HTTP to a host that is not loopback");
        logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Name == "RedirectNotFollowed");
        logger.ShouldContainNoToken();
    }

    private sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer(request));
    }

    [Fact]
    public async Task A_user_supplied_Authorization_header_is_sent_unchanged_and_not_retried()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 401;
            return Task.CompletedTask;
        });
        var credential = new CountingCredential();
        var logger = HandlerHarness.TraceLogger();
        using var client = HandlerHarness.Client(credential, HandlerHarness.LocalContext(server.BaseUri), logger);
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url("storage/api/v1/instances"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "my-own-token");

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        server.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer my-own-token");
        credential.Calls.Should().Be(0);
        logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Name == "UserAuthorizationKept");
        logger.Collector.GetSnapshot().Should().NotContain(r => r.Message.Contains("my-own-token"));
    }

    [Fact]
    public async Task A_request_sent_again_through_the_handler_gets_a_new_token_not_treated_as_user_supplied()
    {
        await using var server = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        var credential = new CountingCredential();
        var capture = new CapturingHandler { Inner = new SocketsHttpHandler { AllowAutoRedirect = false } };
        using var invoker = new HttpMessageInvoker(new AltinnAuthenticationHandler(credential, HandlerHarness.LocalContext(server.BaseUri)) { InnerHandler = capture });
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url("storage/api/v1/instances"));

        // An outer retry (a resilience handler) sends the same message twice.
        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        server.Requests.Should().HaveCount(2);
        server.Requests.Select(r => r.Authorization).Should().AllSatisfy(a => a.Should().StartWith("Bearer eyJ"));
        credential.Calls.Should().Be(2);
    }

    [Fact]
    public void Synchronous_send_is_refused_rather_than_sent_without_a_token()
    {
        var credential = new CountingCredential();
        var context = new AltinnTokenContext(s_exampleEnvironment, [HandlerHarness.Scope]);
        using var client = new HttpClient(new AltinnAuthenticationHandler(credential, context) { InnerHandler = new CapturingHandler() });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://platform.example/storage/api/v1/instances");

        Action send = () => client.Send(request);

        send.Should().Throw<NotSupportedException>();
    }

    [Fact]
    public void The_constructor_rejects_missing_arguments()
    {
        var context = new AltinnTokenContext(s_exampleEnvironment, [HandlerHarness.Scope]);
        FluentActions.Invoking(() => new AltinnAuthenticationHandler(null!, context)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new AltinnAuthenticationHandler(new CountingCredential(), null!)).Should().Throw<ArgumentNullException>();
    }

    internal sealed class CapturingHandler : HttpMessageHandler
    {
        private readonly List<AuthenticationHeaderValue?> _authorizations = [];

        public HttpMessageHandler? Inner { get; init; }

        public IReadOnlyList<AuthenticationHeaderValue?> Authorizations
        {
            get
            {
                lock (_authorizations) return _authorizations.ToArray();
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_authorizations) _authorizations.Add(request.Headers.Authorization);
            if (Inner is null) return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request };
            using var invoker = new HttpMessageInvoker(Inner, disposeHandler: false);
            return await invoker.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) Inner?.Dispose();
            base.Dispose(disposing);
        }
    }
}
