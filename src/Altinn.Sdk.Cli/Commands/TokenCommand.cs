using Altinn.Sdk.Authentication;

namespace Altinn.Sdk.Cli.Commands;

/// <summary>
/// <c>altinn token</c>: prints an Altinn token for use with curl. The only command that prints a token; it prints
/// nothing else to standard output, so <c>$(altinn token)</c> works.
/// </summary>
internal static class TokenCommand
{
    public static Command Create(CliApp app)
    {
        var scope = new Option<string[]>("--scope")
        {
            Description = "A scope to ask for (repeat for more). Default: the configured scopes, else altinn:serviceowner/instances.read and .write.",
            HelpName = "SCOPE",
        };
        var command = new Command(
            "token",
            "Print an Altinn token for the configured credential, for example: curl -H \"Authorization: Bearer $(altinn token)\" ... "
            + "The token goes to standard output alone; its expiry to standard error. Treat it as a password.")
        {
            scope,
        };
        app.Options.AddTo(command);

        app.SetAction(
            command,
            async (context, parse, cancellationToken) =>
            {
                if (context.Credential is StaticTokenCredential && parse.GetValue(scope) is { Length: > 0 })
                {
                    context.Output.Warning("--scope does not change a token given as is; it is printed unchanged.");
                }

                var request = new AltinnTokenRequest(context.CreateTokenContext());
                AltinnAccessToken token = await context.Credential.GetTokenAsync(request, cancellationToken);
                CliOutput output = context.Output;
                if (output.Json)
                {
                    output.JsonLine(writer =>
                    {
                        writer.WriteStartObject();
                        writer.WriteString("token", token.Token);
                        writer.WriteString("expiresOn", token.ExpiresOn.ToUniversalTime());
                        writer.WriteString("environment", context.Environment.Name);
                        writer.WriteStartArray("scopes");
                        foreach (string s in context.Scopes) writer.WriteStringValue(s);
                        writer.WriteEndArray();
                        writer.WriteEndObject();
                    });
                }
                else
                {
                    output.PlainLine(token.Token);
                    output.Note($"Expires {InstanceText.Time(token.ExpiresOn)}.");
                }

                if (context.IsEmbeddedEmulator)
                {
                    output.Warning("the token is for the embedded emulator, which stops when this command ends; run 'altinn emulator' and use --env with its URL for a token that lasts.");
                }

                return ExitCodes.Success;
            },
            parse => parse.GetValue(scope) is { Length: > 0 } scopes
                ? new Dictionary<string, (string, string)> { ["Scopes"] = ("--scope", string.Join(' ', scopes)) }
                : null);
        return command;
    }
}
