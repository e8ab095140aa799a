using System.Xml.Serialization;
using Altinn.App.Models;
using Altinn.Sdk;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.FormData;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;

// Typed form data: an end-user system creates an instance of the demo app with a Skjema object (the class in
// DemoModel.cs, written by `altinn model generate` from the app's own JSON schema), and the app owner reads it back
// as the same type. Runs against the embedded emulator with the demo seed; nothing leaves the machine.
const string Customer = "312345676";
AppId appId = AppId.Parse("ttd/demo-app");

await using AltinnEmulator emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
Console.WriteLine($"Emulator with the demo app on {emulator.BaseUrl}");

// The end-user system acts for its customer through a system user; the app owner with its own org credential.
AppClient asSystem = AppsClient.Create(emulator.Environment, emulator.CreateSystemUserCredential()).GetAppClient(appId);
AppClient asOwner = AppsClient.Create(emulator.Environment, emulator.CreateOrgCredential("ttd")).GetAppClient(appId);
var forCustomer = new AltinnRequestOptions { SystemUser = new SystemUserContext(Customer) };

var skjema = new Skjema { Tittel = "Søknad om løyve", Beskrivelse = "Sendt fra fagsystemet, med æ, ø og å." };

// 1. Validate against the app's schema before sending: a wrong field fails here, with its schema path, not at the app.
ModelSchema schema = await ModelSchema.LoadAsync(await asSystem.Metadata.GetModelSchemaAsync("model", forCustomer));
using (var xml = new StringWriter())
{
    new XmlSerializer(typeof(Skjema)).Serialize(xml, skjema);
    IReadOnlyList<FormDataError> errors = schema.ValidateXml(xml.ToString());
    if (errors.Count > 0)
    {
        foreach (FormDataError error in errors) Console.WriteLine($"Invalid: {error.Path}: {error.Kind}");
        return 2;
    }
}

Console.WriteLine($"Valid against the schema of <{schema.RootElement}>");

// 2. Create the instance with the object as its form data (serialized straight into the request as XML).
Instance created = await asSystem.Instances.CreateWithFormDataAsync(InstanceOwnerReference.Organisation(Customer), "model", skjema, forCustomer);
DataElement model = created.Data!.Single(d => d.DataType == "model");
Console.WriteLine($"Created {created.Id} with form data {model.Id} ({model.ContentType})");

// 3. The app owner reads it back as the same type.
Skjema read = await asOwner.Data.ReadFormDataAsync<Skjema>(created.Id!, model.Id);
Console.WriteLine($"Read back: Tittel = {read.Tittel}, Beskrivelse = {read.Beskrivelse}");
return read.Tittel == skjema.Tittel && read.Beskrivelse == skjema.Beskrivelse ? 0 : 1;
