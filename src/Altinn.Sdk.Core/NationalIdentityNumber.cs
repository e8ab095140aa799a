namespace Altinn.Sdk;

/// <summary>
/// Norwegian national identity numbers (fødselsnummer, d-nummer) as Altinn uses them: 11 digits, the last two mod-11
/// check digits. Every part of the SDK that takes one checks it with this one rule, before any request.
/// </summary>
/// <remarks>
/// Only the form is checked: the birth date inside is not, so d-numbers and synthetic test numbers (Tenor) are
/// accepted. Messages never repeat the number, which is personal data.
/// </remarks>
public static class NationalIdentityNumber
{
    private static readonly int[] s_weights1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] s_weights2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    /// <summary>Whether the text is 11 ASCII digits whose last two digits are the mod-11 check digits.</summary>
    /// <param name="value">The text to check.</param>
    /// <returns><see langword="true"/> when the number is well-formed.</returns>
    public static bool IsValid(string? value) =>
        value is not null && ElevenDigits(value)
        && CheckDigit(value, s_weights1) == value[9] - '0'
        && CheckDigit(value, s_weights2) == value[10] - '0';

    /// <summary>Returns the number; throws an <see cref="ArgumentException"/> naming the problem (not the number) otherwise.</summary>
    /// <param name="nationalIdentityNumber">The national identity number, 11 digits.</param>
    /// <param name="parameterName">The name of the argument being checked, for the exception.</param>
    /// <returns>The number, unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nationalIdentityNumber"/> is null.</exception>
    /// <exception cref="ArgumentException">The value is not 11 digits, or its check digits are wrong.</exception>
    public static string Validate(string nationalIdentityNumber, string? parameterName = null)
    {
        if (nationalIdentityNumber is null) throw new ArgumentNullException(parameterName ?? nameof(nationalIdentityNumber));
        if (!ElevenDigits(nationalIdentityNumber))
        {
            throw new ArgumentException(
                $"A national identity number is exactly 11 digits; the value given has {nationalIdentityNumber.Length} character(s)"
                + (nationalIdentityNumber.Length == 11 ? " but not only digits" : string.Empty) + ". (The value is not repeated here because it may be personal data.)",
                parameterName);
        }

        if (!IsValid(nationalIdentityNumber))
        {
            throw new ArgumentException(
                "The national identity number has wrong check digits (the last two digits do not match the first nine under the mod-11 rule), so it is mistyped. (The value is not repeated here because it may be personal data.)",
                parameterName);
        }

        return nationalIdentityNumber;
    }

    private static bool ElevenDigits(string value)
    {
        if (value.Length != 11) return false;
        foreach (char c in value)
        {
            if (c is < '0' or > '9') return false;
        }

        return true;
    }

    // Mod 11: the check digit is 11 - (weighted sum mod 11); 11 means 0, and 10 means no valid number (-1 never matches).
    private static int CheckDigit(string digits, int[] weights)
    {
        int sum = 0;
        for (int i = 0; i < weights.Length; i++) sum += (digits[i] - '0') * weights[i];
        int check = 11 - (sum % 11);
        return check == 11 ? 0 : check == 10 ? -1 : check;
    }
}
