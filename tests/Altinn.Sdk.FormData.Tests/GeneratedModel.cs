using System.Collections;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Xml;
using System.Xml.Schema;
using System.Xml.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Altinn.Sdk.FormData.Tests;

/// <summary>A test schema's generated code, compiled with Roslyn and loaded, with helpers to fill and serialize its objects.</summary>
internal sealed class GeneratedModel
{
    private static readonly MetadataReference[] s_references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToArray();

    private GeneratedModel(ModelSchema schema, string code, IReadOnlyList<Diagnostic> diagnostics, Assembly? assembly)
    {
        Schema = schema;
        Code = code;
        Diagnostics = diagnostics;
        Assembly = assembly;
    }

    public ModelSchema Schema { get; }

    public string Code { get; }

    /// <summary>Warnings and errors at the compiler's strictest warning level, as C# 8 (the first with #nullable).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public Assembly? Assembly { get; }

    public static async Task<GeneratedModel> BuildAsync(string schemaFile)
    {
        ModelSchema schema = await ModelSchema.LoadAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", schemaFile)));
        string code = ModelCodeGenerator.Generate(schema, "Test.Models");
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.CSharp8));
        var compilation = CSharpCompilation.Create(
            "Generated" + Guid.NewGuid().ToString("N"), [tree], s_references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, warningLevel: 9999));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var diagnostics = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assembly? assembly = null;
        if (result.Success)
        {
            image.Position = 0;
            assembly = new AssemblyLoadContext(schemaFile, isCollectible: true).LoadFromStream(image);
        }

        return new GeneratedModel(schema, code, diagnostics, assembly);
    }

    public Type Type(string name) => Assembly!.GetType("Test.Models." + name) ?? throw new InvalidOperationException($"No class {name} in:\n{Code}");

    /// <summary>A new object of a generated class with properties set by name.</summary>
    public object New(string className, params (string Property, object? Value)[] values)
    {
        object instance = Activator.CreateInstance(Type(className))!;
        foreach (var (property, value) in values)
        {
            PropertyInfo info = instance.GetType().GetProperty(property) ?? throw new InvalidOperationException($"{className} has no property {property}:\n{Code}");
            if (value is object[] items)
            {
                var list = (IList)info.GetValue(instance)!;
                foreach (object item in items) list.Add(item);
            }
            else
            {
                info.SetValue(instance, value);
            }
        }

        return instance;
    }

    public static string ToXml(object model)
    {
        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Indent = true }))
        {
            new XmlSerializer(model.GetType()).Serialize(writer, model);
        }

        return output.ToString();
    }

    public static object FromXml(Type type, string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        return new XmlSerializer(type).Deserialize(reader)!;
    }

    /// <summary>The errors of validating the XML against an XSD written by hand for the test schema.</summary>
    public static List<string> XsdErrors(string xml, string xsdFile)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Schemas", xsdFile));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add(e.Message);
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }
}
