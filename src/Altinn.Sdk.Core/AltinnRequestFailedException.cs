using System.Net;
using Altinn.Sdk.Internal;

namespace Altinn.Sdk;

/// <summary>
/// An Altinn service answered a request with an error status. Carries the status, the problem details (or the
/// plain-text body some Storage endpoints send), the request method and a redacted URL.
/// </summary>
/// <remarks>The message never contains a token or a national identity number.</remarks>
/// <param name="status">The HTTP status code of the response.</param>
/// <param name="message">The message, used as given.</param>
/// <param name="problem">The problem details in the response body, when the service sent them.</param>
/// <param name="method">The request method.</param>
/// <param name="requestUri">The request URL, already redacted.</param>
/// <param name="responseText">The response body when it was text rather than problem details, already redacted and shortened.</param>
/// <param name="requestId">The service's id for the request, when it sent one.</param>
/// <param name="innerException">The exception that caused this one, if any.</param>
public class AltinnRequestFailedException(
    int status, string message, AltinnProblemDetails? problem = null, string? method = null,
    string? requestUri = null, string? responseText = null, string? requestId = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    private const int MaxTextInMessage = 500;

    /// <summary>The HTTP status code of the response, for example 403.</summary>
    public int Status { get; } = status;

    /// <summary>The problem details in the response body, when the service sent them.</summary>
    public AltinnProblemDetails? Problem { get; } = problem;

    /// <summary>The request method, for example <c>DELETE</c>.</summary>
    public string? Method { get; } = method;

    /// <summary>The request URL with secrets and national identity numbers redacted.</summary>
    public string? RequestUri { get; } = requestUri;

    /// <summary>The response body when it was text rather than problem details (redacted, shortened).</summary>
    public string? ResponseText { get; } = responseText;

    /// <summary>The service's id for the request (a trace id), when it sent one.</summary>
    public string? RequestId { get; } = requestId;

    /// <summary>
    /// Reads an error response into an exception: problem details or text from the body (at most 64 KiB),
    /// and a message that names the request, the status, what the service said and, when given, what to do.
    /// </summary>
    /// <param name="response">The failed response; its content is read, not disposed.</param>
    /// <param name="hint">A sentence telling the reader what to do, for example which policy rule the app lacks.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    public static async Task<AltinnRequestFailedException> CreateAsync(
        HttpResponseMessage response, string? hint = null, CancellationToken cancellationToken = default)
    {
        if (response is null) throw new ArgumentNullException(nameof(response));

        string body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        AltinnProblemDetails? problem = null;
        string? text = null;
        if (body.Length > 0)
        {
            problem = TryParseProblem(body);
            if (problem is null)
            {
                text = Redaction.Text(TryReadJsonString(body) ?? body.Trim());
                if (text.Length > MaxTextInMessage) text = text.Substring(0, MaxTextInMessage) + "...";
            }
        }

        int status = (int)response.StatusCode;
        string? method = response.RequestMessage?.Method.Method;
        string uri = Redaction.Uri(response.RequestMessage?.RequestUri);
        string? requestId = problem is not null && problem.Extensions.TryGetValue("traceId", out var trace) && trace.ValueKind == JsonValueKind.String
            ? trace.GetString()
            : FirstHeader(response, "x-request-id") ?? FirstHeader(response, "request-id");

        string message = BuildMessage(status, response.ReasonPhrase, method, uri, problem, text, hint ?? DefaultHint(status));
        return new AltinnRequestFailedException(status, message, problem, method, uri, text, requestId);
    }

    private static string BuildMessage(int status, string? reason, string? method, string uri, AltinnProblemDetails? problem, string? text, string? hint)
    {
        var message = new StringBuilder();
        message.Append(method ?? "Request").Append(' ').Append(uri).Append(" failed with ").Append(status);
        string phrase = string.IsNullOrEmpty(reason) ? ((HttpStatusCode)status).ToString() : reason!;
        if (!int.TryParse(phrase, out _)) message.Append(" (").Append(phrase).Append(')');
        message.Append('.');

        if (problem is not null)
        {
            if (!string.IsNullOrEmpty(problem.Title)) message.Append(' ').Append(Redaction.Text(problem.Title!).TrimEnd('.')).Append('.');
            if (!string.IsNullOrEmpty(problem.Detail)) message.Append(' ').Append(Redaction.Text(problem.Detail!).TrimEnd('.')).Append('.');
            foreach (var error in problem.Errors.Take(5))
            {
                message.Append(' ').Append(error.Key).Append(": ").Append(Redaction.Text(string.Join(" ", error.Value)));
            }

            var issues = problem.ValidationIssues;
            if (issues.Count > 0)
            {
                message.Append(" Validation issues (").Append(issues.Count).Append("): ")
                    .Append(Redaction.Text(string.Join("; ", issues.Take(5)))).Append(issues.Count > 5 ? "; ..." : string.Empty).Append('.');
            }
        }
        else if (!string.IsNullOrEmpty(text))
        {
            message.Append(" The service said: ").Append(text);
        }

        if (!string.IsNullOrEmpty(hint)) message.Append(' ').Append(hint);
        return message.ToString();
    }

    private static string? DefaultHint(int status) => status switch
    {
        401 => "The token was not accepted: check that it was issued for this environment and has not expired.",
        403 => "The caller is not allowed to do this: check the token's scopes and the app's authorization rules.",
        429 => "Too many requests: wait before retrying (the service may send Retry-After).",
        _ => null,
    };

    // Error bodies are small; anything past the first 64 KiB is not read (streams stay streams).
    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        (byte[] body, _) = await ResponseBody.ReadAsync(response.Content, ResponseBody.MaxErrorBytes, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(body);
    }

    private static AltinnProblemDetails? TryParseProblem(string body)
    {
        string trimmed = body.TrimStart();
        if (trimmed.Length == 0 || trimmed[0] != '{') return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            return AltinnProblemDetails.FromJson(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The message of a body that is one JSON string (ASP.NET's <c>StatusCode(400, "message")</c> on a JSON action,
    /// as Events answers: quoted, with <c>'</c> escaped as <c>\u0027</c>), unescaped; null for any other body.
    /// </summary>
    private static string? TryReadJsonString(string body)
    {
        string trimmed = body.Trim();
        if (trimmed.Length < 2 || trimmed[0] != '"') return null;
        try
        {
            using var document = JsonDocument.Parse(trimmed);
            return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString() : null;
        }
        catch (JsonException)
        {
            return trimmed.Trim('"');
        }
    }

    private static string? FirstHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
