using static Altinn.Sdk.Apps.Tests.AppsHarness;

namespace Altinn.Sdk.Apps.Tests;

/// <summary>The app's data model schemas through <see cref="AppMetadataClient"/>.</summary>
public sealed class ModelSchemaTests : IAsyncLifetime
{
    private AppsHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task The_schema_of_a_form_data_type_is_read_and_a_missing_one_is_a_404_with_a_hint()
    {
        string schema = await _h.Demo.Metadata.GetModelSchemaAsync("model");
        schema.Should().Contain("\"@xsdRootElement\": \"Skjema\"");
        _h.AppRequests().Should().Contain(r => r.PathAndQuery == "/ttd/demo-app/api/jsonschema/model" && r.Status == 200);

        var missing = await _h.Demo.Metadata.Invoking(m => m.GetModelSchemaAsync("vedleggA")).Should().ThrowAsync<AltinnRequestFailedException>();
        missing.Which.Status.Should().Be(404);
        missing.Which.Message.Should().Contain("classRef");
        await _h.Demo.Metadata.Invoking(m => m.GetModelSchemaAsync("a/b")).Should().ThrowAsync<ArgumentException>();
    }
}
