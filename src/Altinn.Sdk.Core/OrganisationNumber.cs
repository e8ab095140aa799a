namespace Altinn.Sdk;

/// <summary>
/// Norwegian organisation numbers as Altinn uses them: 9 digits, the last a mod-11 check digit of the first eight.
/// Every part of the SDK that takes an organisation number checks it with this one rule, before any request.
/// </summary>
public static class OrganisationNumber
{
    private static readonly int[] s_weights = [3, 2, 7, 6, 5, 4, 3, 2];

    /// <summary>Whether the text is 9 ASCII digits whose last digit is the mod-11 check digit of the first eight.</summary>
    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 9) return false;
        int sum = 0;
        for (int i = 0; i < 9; i++)
        {
            char c = value[i];
            if (c is < '0' or > '9') return false;
            if (i < 8) sum += (c - '0') * s_weights[i];
        }

        // The check digit is 11 - (sum mod 11); 11 means 0, and 10 means no valid number exists.
        int check = 11 - (sum % 11);
        return check != 10 && (check == 11 ? 0 : check) == value[8] - '0';
    }

    /// <summary>
    /// Returns the 9-digit number, accepting an ISO 6523 <c>0192:</c> prefix; throws an <see cref="ArgumentException"/>
    /// naming the problem otherwise.
    /// </summary>
    /// <param name="organisationNumber">The organisation number, for example <c>312345676</c> or <c>0192:312345676</c>.</param>
    /// <param name="parameterName">The name of the argument being checked, for the exception.</param>
    /// <exception cref="ArgumentNullException"><paramref name="organisationNumber"/> is null.</exception>
    /// <exception cref="ArgumentException">The value is not 9 digits, or its check digit is wrong.</exception>
    public static string Validate(string organisationNumber, string? parameterName = null)
    {
        if (organisationNumber is null) throw new ArgumentNullException(parameterName ?? nameof(organisationNumber));
        string digits = organisationNumber.StartsWith("0192:", StringComparison.Ordinal) ? organisationNumber.Substring(5) : organisationNumber;
        bool nineDigits = digits.Length == 9;
        foreach (char c in digits) nineDigits &= c is >= '0' and <= '9';
        if (!nineDigits)
        {
            throw new ArgumentException(
                $"'{organisationNumber}' is not an organisation number: expected exactly 9 digits, for example '312345676'.", parameterName);
        }

        if (!IsValid(digits))
        {
            throw new ArgumentException(
                $"'{organisationNumber}' is not an organisation number: its last digit is not the mod-11 check digit of the first eight, so it is mistyped.",
                parameterName);
        }

        return digits;
    }
}
