namespace Altinn.Sdk.Testing.State;

/// <summary>The demo app's data model (<c>model</c>, class <c>Altinn.App.Models.Skjema</c>) as Altinn Studio writes its JSON schema.</summary>
internal static class DemoModelSchema
{
    public const string Json = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "model.schema.json",
          "type": "object",
          "@xsdNamespaces": {
            "xsd": "http://www.w3.org/2001/XMLSchema",
            "xsi": "http://www.w3.org/2001/XMLSchema-instance"
          },
          "@xsdSchemaAttributes": {
            "AttributeFormDefault": "Unqualified",
            "ElementFormDefault": "Qualified",
            "BlockDefault": "None",
            "FinalDefault": "None"
          },
          "@xsdRootElement": "Skjema",
          "properties": {
            "Tittel": {
              "type": "string",
              "@xsdType": "string",
              "description": "The title the inbox shows.",
              "maxLength": 200
            },
            "Beskrivelse": {
              "type": "string",
              "@xsdType": "string",
              "description": "Free text about the application."
            }
          }
        }
        """;
}
