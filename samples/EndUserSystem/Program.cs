using System.Text;
using Altinn.Sdk;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

// An end-user system acting for an organisation through its system user: create an instance, upload form data and
// an attachment, move the process to the end and read the status. Runs against the embedded emulator (demo seed)
// unless ALTINN__ENVIRONMENT is set; see README.md next to this file for a real environment.
string? environment = Environment.GetEnvironmentVariable("ALTINN__ENVIRONMENT");
AppId appId = AppId.Parse(Environment.GetEnvironmentVariable("ENDUSERSYSTEM__APPID") ?? "ttd/demo-app");
string customer = Environment.GetEnvironmentVariable("ENDUSERSYSTEM__ORGANISATIONNUMBER") ?? "312345676";
string formDataType = Environment.GetEnvironmentVariable("ENDUSERSYSTEM__FORMDATATYPE") ?? "model";
string attachmentType = Environment.GetEnvironmentVariable("ENDUSERSYSTEM__ATTACHMENTTYPE") ?? "vedleggA";

await using AltinnEmulator? emulator = environment is null
    ? await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true })
    : null;

var services = new ServiceCollection();
if (emulator is not null)
{
    Console.WriteLine($"Emulator with the demo app on {emulator.BaseUrl}");
    services.AddSingleton(emulator.Environment);
    services.AddSingleton(emulator.CreateSystemUserCredential());
    services.AddAltinn(_ => { });
}
else
{
    // The system's Maskinporten client; each request names the customer's system user (below).
    services.AddAltinn(options =>
    {
        options.Environment = environment;
        options.Maskinporten.ClientId = Environment.GetEnvironmentVariable("ALTINN__MASKINPORTEN__CLIENTID");
        options.Maskinporten.JwkPath = Environment.GetEnvironmentVariable("ALTINN__MASKINPORTEN__JWKPATH");
        options.Maskinporten.KeyId = Environment.GetEnvironmentVariable("ALTINN__MASKINPORTEN__KEYID");
        foreach (string scope in (Environment.GetEnvironmentVariable("ALTINN__SCOPES") ?? "altinn:instances.read altinn:instances.write").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            options.Scopes.Add(scope);
        }
    });
}

services.AddAltinnApps();
await using ServiceProvider provider = services.BuildServiceProvider();
AppClient app = provider.GetRequiredService<AppsClient>().GetAppClient(appId);

// One system serves many customers: the identity is chosen per call.
var asCustomer = new AltinnRequestOptions { SystemUser = new SystemUserContext(customer) };

// 1. Create an instance owned by the customer organisation.
Instance instance = await app.Instances.CreateAsync(InstanceOwnerReference.Organisation(customer), asCustomer);
Console.WriteLine($"Created {instance.Id} in {instance.Process?.CurrentTask?.ElementId} at {app.BaseUrl}");

// 2. Fill in the form data the first task created automatically (or add it when the app creates none).
const string Form = "<Skjema><Tittel>Søknad fra fagsystemet</Tittel></Skjema>";
DataElement? model = instance.Data?.FirstOrDefault(d => d.DataType == formDataType);
model = model is null
    ? await app.Data.UploadAsync(instance.Id!, formDataType, new MemoryStream(Encoding.UTF8.GetBytes(Form)), "application/xml", null, asCustomer)
    : await app.Data.WriteFormDataAsync(instance.Id!, model.Id, Form, FormDataFormat.Xml, asCustomer);
Console.WriteLine($"Form data {model.Id}: {model.Size} bytes");

// 3. Upload an attachment, streamed; the metadata check refuses a wrong type or size before anything is sent.
string pdfPath = Path.Combine(Path.GetTempPath(), "vedlegg-årsrapport.pdf");
await File.WriteAllTextAsync(pdfPath, "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
await using (FileStream pdf = File.OpenRead(pdfPath))
{
    DataElement attachment = await app.Data.UploadAsync(instance.Id!, attachmentType, pdf, "application/pdf", Path.GetFileName(pdfPath), asCustomer);
    Console.WriteLine($"Attachment {attachment.Id}: {attachment.Filename}, {attachment.Size} bytes");
}

File.Delete(pdfPath);

// 4. Move the process task by task to the end; a 409 would carry the app's validation issues.
ProcessState state = await app.Process.GetAsync(instance.Id!, asCustomer);
while (state.Ended is null)
{
    string task = state.CurrentTask?.ElementId ?? "?";
    try
    {
        state = await app.Process.NextAsync(instance.Id!, null, asCustomer);
    }
    catch (AltinnRequestFailedException e) when (e.Status == 409)
    {
        foreach (AltinnValidationIssue issue in e.Problem?.ValidationIssues ?? [])
        {
            Console.WriteLine($"  validation: {issue}");
        }

        throw;
    }

    Console.WriteLine($"Completed {task}; now {(state.Ended is null ? state.CurrentTask?.ElementId : "at " + state.EndEvent)}");
}

// 5. Read the status the customer sees.
Instance submitted = await app.Instances.GetAsync(instance.Id!, asCustomer);
Console.WriteLine($"Status: archived {submitted.Status?.IsArchived}, ended {submitted.Process?.Ended:yyyy-MM-dd HH:mm:ss}Z, substatus {submitted.Status?.Substatus?.Label ?? "-"}");
