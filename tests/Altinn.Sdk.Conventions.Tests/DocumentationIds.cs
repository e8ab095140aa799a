using System.Reflection;
using System.Text;

namespace Altinn.Sdk.Conventions.Tests;

/// <summary>
/// The documentation comment ids the C# compiler writes into the XML documentation file
/// (<c>T:</c>, <c>M:</c>, <c>P:</c>, <c>F:</c>, <c>E:</c>), computed from reflection.
/// </summary>
internal static class DocumentationIds
{
    public static string For(Type type) => "T:" + TypeName(type);

    public static string For(MemberInfo member) => member switch
    {
        Type type => For(type),
        ConstructorInfo ctor => "M:" + TypeName(ctor.DeclaringType!) + "." + (ctor.IsStatic ? "#cctor" : "#ctor") + Parameters(ctor.GetParameters()),
        MethodInfo method => "M:" + TypeName(method.DeclaringType!) + "." + method.Name.Replace('.', '#')
            + (method.IsGenericMethod ? "``" + method.GetGenericArguments().Length : string.Empty)
            + Parameters(method.GetParameters())
            + (method.Name is "op_Implicit" or "op_Explicit" ? "~" + ParameterTypeName(method.ReturnType) : string.Empty),
        PropertyInfo property => "P:" + TypeName(property.DeclaringType!) + "." + property.Name.Replace('.', '#') + Parameters(property.GetIndexParameters()),
        FieldInfo field => "F:" + TypeName(field.DeclaringType!) + "." + field.Name,
        EventInfo @event => "E:" + TypeName(@event.DeclaringType!) + "." + @event.Name,
        _ => throw new ArgumentException($"No documentation id for a {member.MemberType}.", nameof(member)),
    };

    // The definition's name: Namespace.Outer.Inner`1 (arity kept, nesting with dots).
    private static string TypeName(Type type)
    {
        if (type.IsNested)
        {
            return TypeName(type.DeclaringType!) + "." + type.Name;
        }

        return string.IsNullOrEmpty(type.Namespace) ? type.Name : type.Namespace + "." + type.Name;
    }

    private static string Parameters(ParameterInfo[] parameters) =>
        parameters.Length == 0 ? string.Empty : "(" + string.Join(",", parameters.Select(p => ParameterTypeName(p.ParameterType))) + ")";

    private static string ParameterTypeName(Type type)
    {
        if (type.IsByRef)
        {
            return ParameterTypeName(type.GetElementType()!) + "@";
        }

        if (type.IsPointer)
        {
            return ParameterTypeName(type.GetElementType()!) + "*";
        }

        if (type.IsArray)
        {
            int rank = type.GetArrayRank();
            string suffix = rank == 1 ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", rank)) + "]";
            return ParameterTypeName(type.GetElementType()!) + suffix;
        }

        if (type.IsGenericParameter)
        {
            return (type.DeclaringMethod is null ? "`" : "``") + type.GenericParameterPosition;
        }

        if (!type.IsGenericType)
        {
            return TypeName(type);
        }

        // Constructed generic: arguments in braces, split over the nesting levels by each level's arity.
        Type[] arguments = type.GetGenericArguments();
        var chain = new List<Type>();
        for (Type? t = type.IsGenericTypeDefinition ? type : type.GetGenericTypeDefinition(); t is not null; t = t.DeclaringType)
        {
            chain.Insert(0, t);
        }

        var name = new StringBuilder(string.IsNullOrEmpty(chain[0].Namespace) ? string.Empty : chain[0].Namespace + ".");
        int used = 0;
        for (int i = 0; i < chain.Count; i++)
        {
            string levelName = chain[i].Name;
            int tick = levelName.IndexOf('`', StringComparison.Ordinal);
            if (i > 0)
            {
                name.Append('.');
            }

            if (tick < 0)
            {
                name.Append(levelName);
                continue;
            }

            int arity = int.Parse(levelName[(tick + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            name.Append(levelName, 0, tick).Append('{')
                .Append(string.Join(",", arguments.Skip(used).Take(arity).Select(ParameterTypeName)))
                .Append('}');
            used += arity;
        }

        return name.ToString();
    }
}
