using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Altinn.Sdk.Conventions.Tests;

/// <summary>
/// The compiler (CS1591) makes sure every public member has a comment; these tests make sure each says something:
/// no empty tags, no placeholders, no summary that only repeats the name.
/// </summary>
public sealed partial class DocumentationTests
{
    private static readonly string[] s_documentedTags = ["summary", "param", "typeparam", "returns", "value", "remarks", "exception"];

    public static TheoryData<string> Assemblies()
    {
        var data = new TheoryData<string>();
        foreach (Assembly assembly in ShippedAssemblies.All)
        {
            data.Add(assembly.GetName().Name!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Every_public_member_has_documentation_that_says_something(string assemblyName)
    {
        Assembly assembly = ShippedAssemblies.All.Single(a => a.GetName().Name == assemblyName);
        string xmlPath = Path.ChangeExtension(assembly.Location, ".xml");
        File.Exists(xmlPath).Should().BeTrue("the documentation file ships next to {0}", assembly.Location);

        Dictionary<string, XElement> members = XDocument.Load(xmlPath).Descendants("member")
            .GroupBy(m => (string)m.Attribute("name")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        List<string> offenders = [];
        int checkedCount = 0;
        foreach ((string id, string name) in PublicMembers(assembly))
        {
            checkedCount++;
            if (!members.TryGetValue(id, out XElement? doc))
            {
                // The compiler writes the implicit parameterless constructor without a comment; an explicit one needs one (CS1591).
                if (!id.EndsWith(".#ctor", StringComparison.Ordinal))
                {
                    offenders.Add($"{id}: no documentation");
                }

                continue;
            }

            offenders.AddRange(Problems(doc, name).Select(p => $"{id}: {p}"));
        }

        checkedCount.Should().BeGreaterThan(10, "the public surface of {0} was found", assemblyName);
        offenders.Should().BeEmpty("every public type and member of {0} has documentation that is neither empty nor a placeholder; offenders:\n  {1}",
            assemblyName, string.Join("\n  ", offenders));
    }

    [Fact]
    public void The_check_finds_empty_and_placeholder_documentation()
    {
        // Guards the check itself.
        Problems(XElement.Parse("<member><summary> </summary></member>"), "Foo").Should().ContainSingle();
        Problems(XElement.Parse("<member><summary>TODO</summary></member>"), "Foo").Should().ContainSingle();
        Problems(XElement.Parse("<member><summary>Foo.</summary></member>"), "Foo").Should().ContainSingle();
        Problems(XElement.Parse("<member><summary>Does it.</summary><param name=\"x\"></param></member>"), "Foo").Should().ContainSingle();
        Problems(XElement.Parse("<member><remarks>Only remarks.</remarks></member>"), "Foo").Should().ContainSingle();
        Problems(XElement.Parse("<member><summary>Reads <see cref=\"T:X\"/>.</summary></member>"), "Foo").Should().BeEmpty();
        Problems(XElement.Parse("<member><summary><see cref=\"T:X\"/></summary></member>"), "Foo").Should().BeEmpty();
        Problems(XElement.Parse("<member><inheritdoc/></member>"), "Foo").Should().BeEmpty();
    }

    [Fact]
    public void Documentation_ids_match_what_the_compiler_writes()
    {
        // Guards the id computation on the shapes that are easy to get wrong: generics, nullable, nested, arrays.
        string xml = File.ReadAllText(Path.ChangeExtension(typeof(AltinnEnvironment).Assembly.Location, ".xml"));
        MethodInfo create = typeof(AsyncPageable<>).GetMethod(nameof(AsyncPageable<int>.Create))!;
        MethodInfo asPages = typeof(AsyncPageable<>).GetMethod(nameof(AsyncPageable<int>.AsPages))!;

        xml.Should().Contain($"\"{DocumentationIds.For(typeof(AsyncPageable<>))}\"");
        xml.Should().Contain($"\"{DocumentationIds.For(create)}\"");
        xml.Should().Contain($"\"{DocumentationIds.For(asPages)}\"");
        DocumentationIds.For(asPages).Should().Be("M:Altinn.Sdk.AsyncPageable`1.AsPages(System.String,System.Nullable{System.Int32})");
    }

    /// <summary>Public and protected members, as (documentation id, simple name); compiler-made members have no comment to check.</summary>
    internal static IEnumerable<(string Id, string Name)> PublicMembers(Assembly assembly)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (Type type in ShippedAssemblies.PublicTypes(assembly))
        {
            yield return (DocumentationIds.For(type), type.Name);
            if (typeof(Delegate).IsAssignableFrom(type))
            {
                continue;
            }

            foreach (MemberInfo member in type.GetMembers(all))
            {
                bool visible = member switch
                {
                    ConstructorInfo c => ShippedAssemblies.IsVisible(c) && !(type.IsValueType && c.GetParameters().Length == 0),
                    MethodInfo m => ShippedAssemblies.IsVisible(m) && (!m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal)),
                    PropertyInfo p => p.GetAccessors(nonPublic: true).Any(ShippedAssemblies.IsVisible),
                    FieldInfo f => (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly) && !f.IsSpecialName,
                    EventInfo e => e.AddMethod is { } add && ShippedAssemblies.IsVisible(add),
                    _ => false,
                };
                if (visible && !ShippedAssemblies.IsCompilerGenerated(member))
                {
                    yield return (DocumentationIds.For(member), member.Name);
                }
            }
        }
    }

    internal static List<string> Problems(XElement doc, string memberName)
    {
        if (doc.Element("inheritdoc") is not null)
        {
            return [];
        }

        List<string> problems = [];
        if (doc.Element("summary") is null)
        {
            problems.Add("no <summary>");
        }

        foreach (XElement tag in doc.Elements().Where(e => s_documentedTags.Contains(e.Name.LocalName)))
        {
            string label = tag.Attribute("name") is { } n ? $"<{tag.Name.LocalName} name=\"{n.Value}\">" : $"<{tag.Name.LocalName}>";
            string text = Content(tag);
            if (text.Length == 0)
            {
                problems.Add($"{label} is empty");
            }
            else if (Placeholder().IsMatch(text) || string.Equals(text.TrimEnd('.'), memberName, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{label} is a placeholder: \"{text}\"");
            }
        }

        return problems;
    }

    // Text plus the targets of <see cref>/<paramref>/<see langword>: "<see cref="X"/>" alone says something.
    private static string Content(XElement tag) =>
        string.Join(" ", new[] { tag.Value.Trim() }
            .Concat(tag.Descendants().SelectMany(d => d.Attributes().Where(a => a.Name.LocalName is "cref" or "name" or "langword" or "href")).Select(a => a.Value)))
            .Trim();

    [GeneratedRegex(@"^(\W*|summary|description|placeholder|todo.*|tbd.*|fixme.*)$|\b(TODO|TBD|FIXME|XXX)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
