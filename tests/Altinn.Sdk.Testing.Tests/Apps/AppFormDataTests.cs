using System.Net;
using System.Text;
using System.Text.Json;
using Altinn.Sdk.Models;
using static Altinn.Sdk.Testing.Tests.Apps.AppHarness;

namespace Altinn.Sdk.Testing.Tests.Apps;

/// <summary>
/// Form data through the App API: the app returns its model by content negotiation (app-lib-dotnet's DataController
/// answers <c>Ok(model)</c> with System.Text.Json first and XmlSerializer second) and stores it in its type's format.
/// </summary>
public class AppFormDataTests
{
    private const string Model = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Skjema xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><Navn>Kari</Navn></Skjema>";

    [Theory]
    [InlineData(null, "application/json", "no Accept: the first formatter, JSON")]
    [InlineData("*/*", "application/json", "*/* makes MVC ignore the Accept header")]
    [InlineData("application/xml, */*", "application/json", "any */* entry makes MVC ignore the whole header")]
    [InlineData("application/xml", "application/xml", "XML asked for")]
    [InlineData("text/xml", "text/xml", "the XML formatter also writes text/xml")]
    [InlineData("application/json;q=0.5, application/xml", "application/xml", "the highest quality wins")]
    [InlineData("application/xml, application/json", "application/xml", "equal quality: the first entry wins")]
    [InlineData("application/*", "application/json", "a wildcard subtype: the first formatter that fits")]
    [InlineData("application/pdf", "application/json", "nothing fits and 406 is off: the first formatter")]
    [InlineData("application/xml; charset=utf-8", "application/json", "a parameter the formatter's type lacks matches nothing")]
    public async Task Form_data_is_negotiated_as_the_app_does(string? accept, string expected, string because)
    {
        await using var h = await StartAsync();
        var instance = await h.CreateAsync(h.UserToken, PersonParty);
        string id = ModelId(instance);
        using (var put = await h.SendAsync(HttpMethod.Put, $"{PathOf(instance)}/data/{id}", h.UserToken, Xml(Model))) put.StatusCode.Should().Be(HttpStatusCode.Created);

        using var response = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/data/{id}", h.UserToken, accept: accept);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(expected, because);
        response.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
        response.Content.Headers.ContentDisposition.Should().BeNull("the app returns a model, not a file");
        string body = await response.Content.ReadAsStringAsync();
        if (expected.EndsWith("json", StringComparison.Ordinal))
        {
            body.Should().Be("""{"Navn":"Kari"}""");
        }
        else
        {
            body.Should().Be(Model);
        }
    }

    [Fact]
    public async Task Xml_becomes_the_json_the_model_would_serialise_to()
    {
        await using var h = await StartAsync();
        var instance = await h.CreateAsync(h.UserToken, PersonParty);
        string id = ModelId(instance);
        const string xml = """
            <Skjema xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" dataFormatProvider="SERES">
              <Navn>Kari Ærlig &amp; Co</Navn>
              <Barn><Navn>Per</Navn></Barn>
              <Barn><Navn>Pål</Navn></Barn>
              <Tom />
              <Mangler xsi:nil="true" />
              <Beløp valuta="NOK">100</Beløp>
            </Skjema>
            """;
        using (var put = await h.SendAsync(HttpMethod.Put, $"{PathOf(instance)}/data/{id}", h.UserToken, Xml(xml))) put.StatusCode.Should().Be(HttpStatusCode.Created);

        using var response = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/data/{id}", h.UserToken);

        (await response.Content.ReadAsStringAsync()).Should().Be(
            """{"dataFormatProvider":"SERES","Navn":"Kari Ærlig & Co","Barn":[{"Navn":"Per"},{"Navn":"Pål"}],"Tom":"","Mangler":null,"Beløp":{"valuta":"NOK","value":"100"}}""",
            "attributes and elements become properties, repeats become arrays, xsi:nil is null, non-ASCII is not escaped");
    }

    [Fact]
    public async Task Json_uploads_are_stored_in_the_types_format_and_read_back_in_either()
    {
        await using var h = await StartAsync(Metadata(false, new DataType { Id = "json-form", TaskId = "Task_1", MaxCount = 0, AllowedContentTypes = ["application/json"], AppLogic = new ApplicationLogic { ClassRef = "Altinn.App.Models.Soknad" } }));
        var instance = await h.CreateAsync(h.UserToken, PersonParty);
        string model = ModelId(instance);
        const string json = """{"Navn":"Kari","Barn":[{"Navn":"Per"},{"Navn":"Pål"}],"Alder":42,"Gift":true,"Ukjent":null}""";

        using (var put = await h.SendAsync(HttpMethod.Put, $"{PathOf(instance)}/data/{model}", h.UserToken, new StringContent(json, Encoding.UTF8, "application/json")))
        {
            put.StatusCode.Should().Be(HttpStatusCode.Created);
            (await JsonAsync(put)).GetProperty("contentType").GetString().Should().Be("application/xml", "a type without application/json first is stored as XML");
        }

        string xml = await StoredAsync(h, instance, model);
        xml.Should().Be("<?xml version=\"1.0\" encoding=\"utf-8\"?><Skjema xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><Navn>Kari</Navn><Barn><Navn>Per</Navn></Barn><Barn><Navn>Pål</Navn></Barn><Alder>42</Alder><Gift>true</Gift></Skjema>");

        var created = await h.UploadAsync(instance, h.UserToken, "json-form", Xml("<Soknad><Navn>Ola</Navn></Soknad>"));
        string jsonId = created.GetProperty("newDataElementId").GetString()!;
        created.GetProperty("instance").GetProperty("data").EnumerateArray().Single(d => d.GetProperty("id").GetString() == jsonId)
            .GetProperty("contentType").GetString().Should().Be("application/json", "allowedContentTypes names JSON first");
        (await StoredAsync(h, instance, jsonId)).Should().Be("""{"Navn":"Ola"}""");

        using var asXml = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/data/{jsonId}", h.UserToken, accept: "application/xml");
        (await asXml.Content.ReadAsStringAsync()).Should().Be("<?xml version=\"1.0\" encoding=\"utf-8\"?><Soknad xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><Navn>Ola</Navn></Soknad>");

        using var broken = await h.SendAsync(HttpMethod.Put, $"{PathOf(instance)}/data/{model}", h.UserToken, new StringContent("{\"Navn\":", Encoding.UTF8, "application/json"));
        broken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await broken.Content.ReadAsStringAsync()).Should().Contain("Failed to deserialize JSON");
    }

    private static string ModelId(JsonElement instance) =>
        instance.GetProperty("data").EnumerateArray().First(d => d.GetProperty("dataType").GetString() == "model").GetProperty("id").GetString()!;

    /// <summary>The element's bytes as Storage holds them (Storage's download does no conversion).</summary>
    private static async Task<string> StoredAsync(AppHarness h, JsonElement instance, string dataId)
    {
        using var response = await h.SendAsync(HttpMethod.Get, $"storage/api/v1/instances/{instance.GetProperty("id").GetString()}/data/{dataId}", h.OrgToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }
}
