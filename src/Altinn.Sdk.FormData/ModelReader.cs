using System.Globalization;
using System.Text;
using NJsonSchema;

namespace Altinn.Sdk.FormData;

/// <summary>A class of the model: an object type of the schema.</summary>
internal sealed class ModelClass
{
    public ModelClass(string name, string? description)
    {
        Name = name;
        Description = description;
    }

    public string Name { get; }

    public string? Description { get; }

    public List<ModelProperty> Properties { get; } = [];
}

/// <summary>A property of a class: an element, an attribute or the text of the element, with its type and restrictions.</summary>
internal sealed class ModelProperty
{
    public ModelProperty(string name) => Name = name;

    /// <summary>The schema's name, which is the XML name and the JSON name.</summary>
    public string Name { get; }

    public string? Description { get; set; }

    public bool IsAttribute { get; set; }

    public bool IsText { get; set; }

    public bool IsArray { get; set; }

    public bool IsRequired { get; set; }

    public bool IsNillable { get; set; }

    /// <summary>The class of an object property (or of an array's items), else null.</summary>
    public ModelClass? Class { get; set; }

    /// <summary>The C# type of a scalar: string, int, long, decimal or bool.</summary>
    public string Scalar { get; set; } = "string";

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public string? Pattern { get; set; }

    public decimal? Minimum { get; set; }

    public decimal? Maximum { get; set; }

    public List<string> Enumeration { get; } = [];
}

/// <summary>Reads Studio's JSON schema into classes: <c>$ref</c>, <c>allOf</c> and <c>oneOf</c> with one branch are followed.</summary>
internal static class ModelReader
{
    public static ModelClass Read(JsonSchema schema, out string rootElement)
    {
        var reader = new Reader(schema);
        JsonSchema rootType = schema.OneOf.Count == 1 && !HasProperties(schema) ? schema.OneOf.First().ActualSchema : schema;
        string? declared = Extension(schema, "@xsdRootElement") as string;
        string rootName = declared ?? reader.DefinitionName(rootType) ?? "Model";
        if (!Reader.IsClass(rootType)) throw new FormatException("The schema's root is not an object type with properties.");
        rootElement = rootName;
        return reader.ClassOf(rootType, rootName);
    }

    /// <summary>The default namespace in <c>@xsdNamespaces</c> (the prefix <c>""</c>), which Studio keeps from the XSD's <c>xmlns</c>.</summary>
    public static string? DefaultNamespace(JsonSchema schema) =>
        Extension(schema, "@xsdNamespaces") is IDictionary<string, object?> namespaces && namespaces.TryGetValue(string.Empty, out object? ns) && ns is string { Length: > 0 } value
            ? value
            : null;

    internal static object? Extension(JsonSchema schema, string key)
    {
        if (schema.ExtensionData is null || !schema.ExtensionData.TryGetValue(key, out object? value)) return null;
        return value;
    }

    private static bool HasProperties(JsonSchema schema) => schema.Properties.Count > 0 || schema.AllOf.Any(a => HasProperties(a.ActualSchema));

    private sealed class Reader
    {
        private readonly Dictionary<JsonSchema, string> _definitionNames = [];
        private readonly Dictionary<JsonSchema, ModelClass> _classes = [];
        private readonly HashSet<string> _classNames = new(StringComparer.Ordinal);

        public Reader(JsonSchema root)
        {
            foreach (KeyValuePair<string, JsonSchema> definition in root.Definitions) _definitionNames[definition.Value] = definition.Key;
        }

        public string? DefinitionName(JsonSchema schema) => _definitionNames.TryGetValue(schema, out string? name) ? name : null;

        public static bool IsClass(JsonSchema schema) => Properties(schema).Count > 0;

        public ModelClass ClassOf(JsonSchema schema, string suggestedName)
        {
            if (_classes.TryGetValue(schema, out ModelClass? existing)) return existing;
            string name = UniqueClassName(CSharpNames.Identifier(DefinitionName(schema) ?? suggestedName, upperFirst: true));
            var modelClass = new ModelClass(name, schema.Description);
            _classes[schema] = modelClass;
            foreach ((string propertyName, JsonSchemaProperty property, bool required) in Properties(schema))
            {
                modelClass.Properties.Add(PropertyOf(propertyName, property, required));
            }

            return modelClass;
        }

        private ModelProperty PropertyOf(string name, JsonSchema property, bool required)
        {
            var result = new ModelProperty(name)
            {
                IsRequired = required,
                IsAttribute = Flag(property, "@xsdAttribute"),
                IsText = Flag(property, "@xsdText"),
                IsNillable = Flag(property, "@xsdNillable"),
            };

            JsonSchema type = property;
            foreach (JsonSchema part in Chain(property))
            {
                result.Description ??= part.Description;
                if (part.Type.HasFlag(JsonObjectType.Null)) result.IsNillable = true;
                if (part.Type.HasFlag(JsonObjectType.Array) && part.Item is { } item)
                {
                    result.IsArray = true;
                    type = item;
                }
            }

            if (IsClass(type.ActualSchema))
            {
                result.Class = ClassOf(type.ActualSchema, name);
                return result;
            }

            foreach (JsonSchema part in Chain(type))
            {
                result.Description ??= part.Description;
                if (part.Type.HasFlag(JsonObjectType.Null)) result.IsNillable = true;
                JsonObjectType kind = part.Type & ~JsonObjectType.Null;
                if (kind != JsonObjectType.None && result.Scalar == "string") result.Scalar = ScalarOf(kind, Extension(part, "@xsdType") as string);
                result.MinLength ??= part.MinLength;
                result.MaxLength ??= part.MaxLength;
                result.Pattern ??= part.Pattern;
                result.Minimum ??= part.Minimum;
                result.Maximum ??= part.Maximum;
                if (result.Enumeration.Count == 0) result.Enumeration.AddRange(part.Enumeration.Where(e => e is not null).Select(e => Convert.ToString(e, CultureInfo.InvariantCulture)!));
            }

            return result;
        }

        /// <summary>The schema, what it refers to and its <c>allOf</c> parts, depth first (a restriction after its base).</summary>
        private static IEnumerable<JsonSchema> Chain(JsonSchema schema)
        {
            yield return schema;
            if (schema.HasReference)
            {
                foreach (JsonSchema s in Chain(schema.Reference!)) yield return s;
            }

            foreach (JsonSchema part in schema.AllOf)
            {
                foreach (JsonSchema s in Chain(part)) yield return s;
            }

            if (schema.OneOf.Count == 1)
            {
                foreach (JsonSchema s in Chain(schema.OneOf.First())) yield return s;
            }
        }

        /// <summary>The properties of an object type in order, through references and <c>allOf</c> (a later part refines an earlier one's property).</summary>
        private static List<(string Name, JsonSchemaProperty Property, bool Required)> Properties(JsonSchema schema)
        {
            var list = new List<(string Name, JsonSchemaProperty Property, bool Required)>();
            foreach (JsonSchema part in Chain(schema))
            {
                foreach (KeyValuePair<string, JsonSchemaProperty> property in part.Properties)
                {
                    int index = list.FindIndex(p => p.Name == property.Key);
                    bool required = part.RequiredProperties.Contains(property.Key) || property.Value.IsRequired;
                    if (index < 0) list.Add((property.Key, property.Value, required));
                    else if (required && !list[index].Required) list[index] = (list[index].Name, list[index].Property, true);
                }
            }

            return list;
        }

        private static bool Flag(JsonSchema schema, string key) => Extension(schema, key) is true;

        private static string ScalarOf(JsonObjectType kind, string? xsdType)
        {
            if (kind.HasFlag(JsonObjectType.Boolean)) return "bool";
            if (kind.HasFlag(JsonObjectType.Integer))
            {
                return xsdType switch
                {
                    "int" or "short" or "byte" or "unsignedShort" or "unsignedByte" => "int",
                    _ => "long",
                };
            }

            return kind.HasFlag(JsonObjectType.Number) ? "decimal" : "string";
        }

        private string UniqueClassName(string name)
        {
            string unique = name;
            for (int i = 2; !_classNames.Add(unique); i++) unique = name + i.ToString(CultureInfo.InvariantCulture);
            return unique;
        }
    }
}

/// <summary>C# identifiers from schema names: letters (Norwegian ones too), digits and <c>_</c>; keywords escaped.</summary>
internal static class CSharpNames
{
    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue", "decimal", "default",
        "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto",
        "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out",
        "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc",
        "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using",
        "virtual", "void", "volatile", "while",
    };

    public static string Identifier(string name, bool upperFirst)
    {
        var builder = new StringBuilder(name.Length + 1);
        bool upperNext = upperFirst;
        foreach (char c in name)
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else
            {
                upperNext = builder.Length > 0;
            }
        }

        if (builder.Length == 0 || char.IsDigit(builder[0])) builder.Insert(0, '_');
        string identifier = builder.ToString();
        return s_keywords.Contains(identifier) ? "@" + identifier : identifier;
    }
}
