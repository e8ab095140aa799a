using System.CommandLine.Invocation;
using System.Text;
using Altinn.Sdk.FormData;

namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn model generate</c>: C# classes for an app's data model, from the app or from a schema file.</summary>
internal static class ModelCommand
{
    private const string DefaultNamespace = "Altinn.App.Models";

    public static Command Create(CliApp app)
    {
        var command = new Command("model", "Work with an app's data model (the form data's classes).")
        {
            CreateGenerate(app),
        };
        app.Options.AddTo(command);
        return command;
    }

    private static Command CreateGenerate(CliApp app)
    {
        var schemaFile = new Option<FileInfo?>("--schema")
        {
            Description = "Generate from this JSON schema file (Altinn Studio's App/models/{model}.schema.json): nothing is sent, no credential is needed.",
            HelpName = "FILE",
        };
        var appId = CliValues.AppId();
        appId.Required = false;
        appId.Description = "Generate from a deployed app: its metadata names the data type's class (appLogic.classRef), and the app serves the schema at api/jsonschema/{id}. Needs --data-type and the usual environment and credential.";
        var dataType = new Option<string?>("--data-type")
        {
            Description = "With --app: the form data type's id in the app's metadata, for example model.",
            HelpName = "ID",
        };
        var namespaceName = new Option<string?>("--namespace")
        {
            Description = $"The C# namespace of the classes; default the namespace of the data type's classRef with --app, else {DefaultNamespace}.",
            HelpName = "NAMESPACE",
        };
        var output = new Option<FileInfo?>("--output", "-o")
        {
            Description = "Write the code to this file (default: standard output).",
            HelpName = "FILE",
        };
        var command = new Command(
            "generate",
            "Write C# classes for an app's data model: one file, #nullable enable, depending only on the .NET base library. XmlSerializer writes them as the XML the app expects "
            + "(root element, namespace, element order, attributes, nillable elements, repeating groups as lists) and System.Text.Json as the JSON of the app's JSON endpoints; "
            + "restrictions become DataAnnotations attributes. Two sources: --schema FILE (a schema file, offline), or --app ORG/APP --data-type ID (the app's own schema, downloaded).")
        {
            schemaFile, appId, dataType, namespaceName, output,
        };

        app.SetAction(command, async (context, parse, cancellationToken) =>
        {
            (string schemaJson, string? classNamespace) = await FromAppAsync(context, parse.GetValue(appId)!, parse.GetValue(dataType), cancellationToken);
            return await WriteAsync(app.Host, schemaJson, parse.GetValue(namespaceName) ?? classNamespace ?? DefaultNamespace, parse.GetValue(output), cancellationToken);
        });

        // A schema file needs no environment or credential: run without building the context.
        var fromApp = (AsynchronousCommandLineAction)command.Action!;
        command.SetAction(async (parse, cancellationToken) =>
        {
            FileInfo? file = parse.GetValue(schemaFile);
            if (file is null)
            {
                if (parse.GetValue(appId) is null) return Usage(app.Host, "Give the schema's source: --schema FILE, or --app ORG/APP with --data-type ID.");
                return await fromApp.InvokeAsync(parse, cancellationToken);
            }

            if (parse.GetValue(appId) is not null || parse.GetValue(dataType) is not null) return Usage(app.Host, "--schema and --app/--data-type are two sources: give one.");
            if (!file.Exists) return Usage(app.Host, $"The schema file '{file.FullName}' does not exist.");
            try
            {
                string json = await File.ReadAllTextAsync(file.FullName, Encoding.UTF8, cancellationToken);
                return await WriteAsync(app.Host, json, parse.GetValue(namespaceName) ?? DefaultNamespace, parse.GetValue(output), cancellationToken);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                return Usage(app.Host, $"{file.Name}: {e.Message}");
            }
        });
        return command;
    }

    private static async Task<(string Schema, string? Namespace)> FromAppAsync(CliContext context, AppId appId, string? dataTypeId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(dataTypeId)) throw new CliUsageException("--app needs --data-type ID: the form data type whose model to generate (see 'altinn app show').");
        var client = context.Apps.GetAppClient(appId);
        IReadOnlyList<DataType> types = await client.Metadata.GetDataTypesAsync(context.RequestOptions, cancellationToken);
        DataType type = types.FirstOrDefault(t => t.Id == dataTypeId)
            ?? throw new CliUsageException($"The app {appId} has no data type '{dataTypeId}' (it has: {string.Join(", ", types.Select(t => t.Id))}).");
        if (type.AppLogic?.ClassRef is not { Length: > 0 } classRef) throw new CliUsageException($"The data type '{dataTypeId}' is not form data (it has no appLogic.classRef): it has no model.");
        string schema = await context.Output.StatusAsync("Reading the schema...", () => client.Metadata.GetModelSchemaAsync(dataTypeId, context.RequestOptions, cancellationToken));
        int dot = classRef.LastIndexOf('.');
        return (schema, dot > 0 ? classRef[..dot] : null);
    }

    private static async Task<int> WriteAsync(CliHost host, string schemaJson, string namespaceName, FileInfo? output, CancellationToken cancellationToken)
    {
        ModelSchema schema = await ModelSchema.LoadAsync(schemaJson, cancellationToken);
        string code = ModelCodeGenerator.Generate(schema, namespaceName);
        if (output is null)
        {
            await host.Output.WriteAsync(code);
            return ExitCodes.Success;
        }

        await File.WriteAllTextAsync(output.FullName, code, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
        await host.Output.WriteLineAsync($"Wrote the classes of <{schema.RootElement}> to {output.FullName}.");
        return ExitCodes.Success;
    }

    private static int Usage(CliHost host, string message)
    {
        host.Error.WriteLine("altinn: " + CliOutput.Printable(message));
        return ExitCodes.UsageError;
    }
}
