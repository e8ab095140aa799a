using System.Text;
using Altinn.Sdk;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;
using Altinn.Sdk.Workflows;
using Microsoft.Extensions.DependencyInjection;

// The SDK's main story on the embedded emulator (Storage, Authentication, Events and the demo app ttd/demo-app):
// an end-user system submits two instances for its customer; the app owner archives and confirms them, sets a
// substatus, deletes stale drafts and checks what an undeploy would leave behind. Nothing leaves this machine;
// against tt02 or production only the environment and the credentials differ.
await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
Console.WriteLine($"Altinn emulator with the demo app on {emulator.BaseUrl}");
var appId = AppId.Parse("ttd/demo-app");

// ---- 1. An end-user system submits two instances for the organisation 312345676, through its system user ----
AppsClient apps = AppsClient.Create(emulator.Environment, emulator.CreateSystemUserCredential(), options =>
{
    options.Scopes.Add("altinn:instances.read");
    options.Scopes.Add("altinn:instances.write");
});
AppClient app = apps.GetAppClient(appId);
var asCustomer = new AltinnRequestOptions { SystemUser = new SystemUserContext("312345676") };

var submitted = new List<InstanceId>();
foreach (string title in new[] { "Søknad om løyve", "Årsrapport 2025" })
{
    Instance instance = await app.Instances.CreateAsync(InstanceOwnerReference.Organisation("312345676"), asCustomer);
    Guid form = instance.Data!.Single(d => d.DataType == "model").Id;
    await app.Data.WriteFormDataAsync(instance.Id!, form, $"<Skjema><Tittel>{title}</Tittel></Skjema>", FormDataFormat.Xml, asCustomer);
    using (var pdf = new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")))
    {
        await app.Data.UploadAsync(instance.Id!, "vedleggA", pdf, "application/pdf", "vedlegg.pdf", asCustomer);
    }

    ProcessState process = await app.Process.GetAsync(instance.Id!, asCustomer);
    while (process.Ended is null) process = await app.Process.NextAsync(instance.Id!, null, asCustomer);
    submitted.Add(instance.Id!);
    Console.WriteLine($"End-user system submitted {instance.Id} \"{title}\" (form, attachment, process ended)");
}

// ---- 2. The app owner ttd signs in with Maskinporten (the token is exchanged for an Altinn token) ----
string jwk = emulator.CreateMaskinportenClient("quickstart-client", "405003309");
var services = new ServiceCollection();
services.AddSingleton(emulator.Environment);
services.AddAltinn(options =>
{
    options.Maskinporten.ClientId = "quickstart-client";
    options.Maskinporten.Jwk = jwk;
    options.Scopes.Add("altinn:serviceowner/instances.read");
    options.Scopes.Add("altinn:serviceowner/instances.write");
}).AddAltinnWorkflows();
await using var provider = services.BuildServiceProvider();
var workflows = provider.GetRequiredService<WorkflowClient>();

// Archive every completed instance not yet confirmed, and confirm each once its files are on disk and verified.
string archive = Directory.CreateTempSubdirectory("altinn-quickstart-").FullName;
ArchiveResult archived = await workflows.ArchiveAsync(appId, archive);
Console.WriteLine($"Archived and confirmed: {archived}");
foreach (string warning in archived.Warnings) Console.WriteLine($"  note: {warning}");

// Tell the customer in the Altinn inbox that the submissions were received.
foreach (InstanceId id in submitted)
{
    SubstatusResult status = await workflows.SetSubstatusAsync(id, new Substatus { Label = "Mottatt", Description = "Vi har mottatt søknaden." });
    Console.WriteLine($"Substatus on {id}: the inbox shows \"{status.LabelPreview}\"");
}

// Delete drafts created on or before 30 September 2020 still in Task_1, through the app (Altinn's recipe).
WorkflowResult drafts = await workflows.DeleteDraftsAsync(appId, new DeleteDraftsOptions { Created = DateFilter.OnOrBefore(2020, 9, 30) });
Console.WriteLine($"Stale drafts: {drafts}");
foreach (WorkflowItemResult item in drafts.Items) Console.WriteLine($"  {item}");

// What undeploying the app would leave behind.
Console.WriteLine();
Console.Write(await workflows.GetUndeployReadinessAsync(appId));

Console.WriteLine();
Console.WriteLine($"The archive is in {archived.AppDirectory}: per instance instance.json, every data element and manifest.json.");
