using System.IO;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Altinn.Sdk.FormData;

// Form data as XML: read into the JSON shape by the model's classes, then validated as JSON.
public sealed partial class ModelSchema
{
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>
    /// Validates form data as the app stores it (XML) against the schema: the root element and its namespace, that every
    /// element and attribute is one the model has (and a single one appears once), and then, as
    /// <see cref="Validate(string)"/>, types, required properties, restrictions and repetitions. Element order is not
    /// checked. DTDs are refused.
    /// </summary>
    /// <param name="xml">The form data as XML.</param>
    /// <returns>The errors, each with the path of the data it concerns (<c>#/Innsender.Navn</c>); empty when the data is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="xml"/> is null.</exception>
    /// <exception cref="FormatException">The text is not well-formed XML.</exception>
    public IReadOnlyList<FormDataError> ValidateXml(string xml)
    {
        if (xml is null) throw new ArgumentNullException(nameof(xml));
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FormatException($"The form data is not well-formed XML: {e.Message}", e);
        }

        XElement root = document.Root!;
        if (root.Name.LocalName != RootElement || root.Name.NamespaceName != (Namespace ?? string.Empty))
        {
            return [new FormDataError("#", $"RootElementMismatch: expected <{RootElement}>{(Namespace is null ? string.Empty : " in " + Namespace)}, found <{root.Name.LocalName}>{(root.Name.NamespaceName.Length == 0 ? string.Empty : " in " + root.Name.NamespaceName)}")];
        }

        var errors = new List<FormDataError>();
        JsonObject json = ToJson(root, Root, "#/", errors);
        errors.AddRange(Validate(json.ToJsonString()));
        return errors;
    }

    private static JsonObject ToJson(XElement element, ModelClass modelClass, string path, List<FormDataError> errors)
    {
        var json = new JsonObject();
        foreach (XAttribute attribute in element.Attributes())
        {
            if (attribute.IsNamespaceDeclaration || attribute.Name.NamespaceName == XsiNamespace) continue;
            ModelProperty? property = modelClass.Properties.FirstOrDefault(p => p.IsAttribute && p.Name == attribute.Name.LocalName);
            if (property is null) errors.Add(new FormDataError(path + "@" + attribute.Name.LocalName, "UnknownAttribute"));
            else json[property.Name] = Scalar(attribute.Value, property);
        }

        if (modelClass.Properties.FirstOrDefault(p => p.IsText) is { } text) json[text.Name] = Scalar(element.Value, text);

        foreach (XElement child in element.Elements())
        {
            string name = child.Name.LocalName;
            string childPath = (path.EndsWith("/", StringComparison.Ordinal) ? path : path + ".") + name;
            ModelProperty? property = modelClass.Properties.FirstOrDefault(p => !p.IsAttribute && !p.IsText && p.Name == name);
            if (property is null)
            {
                errors.Add(new FormDataError(childPath, "UnknownElement"));
                continue;
            }

            JsonNode? value = (string?)child.Attribute(XName.Get("nil", XsiNamespace)) is "true" or "1" ? null
                : property.Class is { } childClass ? ToJson(child, childClass, childPath, errors)
                : Scalar(child.Value, property);
            if (property.IsArray)
            {
                if (json[name] is not JsonArray list) json[name] = list = [];
                list.Add(value);
            }
            else if (json.ContainsKey(name))
            {
                errors.Add(new FormDataError(childPath, "TooManyElements"));
            }
            else
            {
                json[name] = value;
            }
        }

        return json;
    }

    /// <summary>A scalar in XML's notation as JSON; a value that does not parse stays text, so the validator names the type error.</summary>
    private static JsonValue Scalar(string value, ModelProperty property)
    {
        try
        {
            return property.Scalar switch
            {
                "int" or "long" => JsonValue.Create(XmlConvert.ToInt64(value)),
                "decimal" => JsonValue.Create(XmlConvert.ToDecimal(value)),
                "bool" => JsonValue.Create(XmlConvert.ToBoolean(value)),
                _ => JsonValue.Create(value),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return JsonValue.Create(value);
        }
    }
}
