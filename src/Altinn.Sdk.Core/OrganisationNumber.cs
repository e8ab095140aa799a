using System;

namespace Altinn.Sdk;

/// <summary>Checks of Norwegian organisation numbers as Altinn uses them.</summary>
internal static class OrganisationNumber
{
    /// <summary>Returns the 9-digit number, accepting an ISO 6523 <c>0192:</c> prefix; throws otherwise.</summary>
    public static string Normalize(string value, string parameterName)
    {
        if (value is null) throw new ArgumentNullException(parameterName);
        string digits = value.StartsWith("0192:", StringComparison.Ordinal) ? value.Substring(5) : value;
        if (!IsValid(digits))
        {
            throw new ArgumentException($"'{value}' is not an organisation number: expected 9 digits, for example '312345676'.", parameterName);
        }

        return digits;
    }

    /// <summary>Whether the text is exactly 9 ASCII digits.</summary>
    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 9) return false;
        foreach (char c in value)
        {
            if (c is < '0' or > '9') return false;
        }

        return true;
    }
}
