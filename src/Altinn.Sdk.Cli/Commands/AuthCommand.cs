using System.Text;
using Altinn.Sdk.Authentication;

namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn auth status</c>: who the configured credential signs in as, where, and until when. Never the token.</summary>
internal static class AuthCommand
{
    private static readonly string[] s_identityClaims =
        ["urn:altinn:org", "urn:altinn:orgNumber", "urn:altinn:systemuser", "urn:altinn:userid", "urn:altinn:partyid", "client_id", "consumer", "authorization_details", "scope"];

    public static Command Create(CliApp app)
    {
        var status = new Command(
            "status",
            "Sign in with the configured credential and show who it is (organisation, client, system user), the environment and when the token expires. The token itself is never shown.");
        app.Options.AddTo(status);
        app.SetAction(status, async (context, parse, cancellationToken) =>
        {
            AltinnAccessToken token = await context.Credential.GetTokenAsync(new AltinnTokenRequest(context.CreateTokenContext()), cancellationToken);
            var claims = Claims(token.Token);
            CliOutput output = context.Output;
            if (output.Json)
            {
                output.JsonLine(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("environment", context.Environment.Name);
                    writer.WriteString("platform", context.Environment.PlatformBaseUrl.AbsoluteUri);
                    writer.WriteString("expiresOn", token.ExpiresOn.ToUniversalTime());
                    writer.WriteStartObject("identity");
                    foreach (var (name, value) in claims) writer.WriteString(name, value);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                });
            }
            else
            {
                output.Line($"Environment: {context.Environment.Name} ({context.Environment.PlatformBaseUrl})");
                foreach (var (name, value) in claims) output.Line($"{name}: {value}");
                output.Line($"Token expires: {InstanceText.Time(token.ExpiresOn)}");
            }

            return ExitCodes.Success;
        });

        return new Command("auth", "The configured credential.") { status };
    }

    /// <summary>The claims that say who a token is for; an opaque token (not a JWT) has none to show.</summary>
    private static List<(string Name, string Value)> Claims(string token)
    {
        var result = new List<(string, string)>();
        string[] parts = token.Split('.');
        if (parts.Length != 3) return result;
        try
        {
            string payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload += new string('=', (4 - (payload.Length % 4)) % 4);
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            foreach (string name in s_identityClaims)
            {
                if (!document.RootElement.TryGetProperty(name, out JsonElement value)) continue;
                result.Add((name, value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()));
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            // Not a JWT: nothing to show but the environment and the expiry.
        }

        return result;
    }
}
