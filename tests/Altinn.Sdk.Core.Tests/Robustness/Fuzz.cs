using System.Globalization;
using System.Text;
using Xunit.Sdk;

namespace Altinn.Sdk.Tests.Robustness;

/// <summary>
/// Runs a seeded property check over many generated inputs. The seed is fixed, so a run is repeatable; set
/// <c>ALTINN_FUZZ_SEED</c> to explore other inputs. A failure names the seed, the input number and the input, so
/// it can be replayed and turned into a regression test.
/// </summary>
internal static class Fuzz
{
    /// <summary>The seed every suite starts from unless <c>ALTINN_FUZZ_SEED</c> says otherwise.</summary>
    public const int DefaultSeed = 20261123;

    /// <summary>How long one suite may take in all before it counts as hung; far above its normal time.</summary>
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(60);

    public static int Seed { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("ALTINN_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
            ? seed
            : DefaultSeed;

    /// <summary>
    /// Generates <paramref name="count"/> inputs with <paramref name="generate"/> and checks each with
    /// <paramref name="check"/>, on a worker thread bounded by one timeout for the whole loop (a hang in any input
    /// fails the test instead of stalling the run). Returns the number of inputs checked.
    /// </summary>
    public static async Task<int> RunAsync<T>(string name, int count, Func<Random, int, T> generate, Action<T> check, Func<T, string>? show = null)
    {
        // Each suite gets its own stream of inputs, so adding a suite does not change another's inputs.
        var random = new Random(Seed ^ StableHash(name));
        show ??= value => Show(value?.ToString());
        int current = -1;
        T input = default!;
        using var cancellation = new CancellationTokenSource();
        Task worker = Task.Factory.StartNew(
            () =>
            {
                for (int i = 0; i < count; i++)
                {
                    cancellation.Token.ThrowIfCancellationRequested();
                    Volatile.Write(ref current, i);
                    input = generate(random, i);
                    try
                    {
                        check(input);
                    }
                    catch (Exception ex)
                    {
                        throw new XunitException($"{name}: input #{i} failed (seed {Seed}; replay with ALTINN_FUZZ_SEED={Seed}): {show(input)}{Environment.NewLine}{ex}");
                    }
                }
            },
            cancellation.Token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        try
        {
            await worker.WaitAsync(s_budget);
        }
        catch (TimeoutException)
        {
            await cancellation.CancelAsync();
            throw new XunitException(
                $"{name}: no result within {s_budget.TotalSeconds:0} s; stuck at input #{Volatile.Read(ref current)} (seed {Seed}): {show(input)}");
        }

        return count;
    }

    /// <summary>A valid organisation number (by the mod 11 rule) from 800000000 up.</summary>
    public static string OrganisationNumber(Random random)
    {
        while (true)
        {
            string first = random.Next(80_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
            for (int check = 0; check < 10; check++)
            {
                if (IsMod11(first + check.ToString(CultureInfo.InvariantCulture))) return first + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>An independent statement of the rule: 9 ASCII digits, weights 3 2 7 6 5 4 3 2, check 11 - sum mod 11 (11 is 0, 10 is invalid).</summary>
    public static bool IsMod11(string? text)
    {
        if (text is not { Length: 9 } || !text.All(char.IsAsciiDigit)) return false;
        int[] weights = [3, 2, 7, 6, 5, 4, 3, 2];
        int sum = weights.Select((w, i) => w * (text[i] - '0')).Sum();
        int check = (11 - (sum % 11)) % 11;
        return check != 10 && check == text[8] - '0';
    }

    /// <summary>What <paramref name="action"/> throws, or <see langword="null"/>.</summary>
    public static Exception? Catch(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>Shows a string with control characters, non-ASCII characters and quotes escaped, shortened if long.</summary>
    public static string Show(string? value)
    {
        if (value is null) return "null";
        var text = new StringBuilder("\"");
        foreach (char c in value.Length > 400 ? value[..400] : value)
        {
            if (c is >= ' ' and <= '~' and not '"' and not '\\') text.Append(c);
            else text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }

        return text.Append(value.Length > 400 ? $"\"... ({value.Length} chars)" : "\"").ToString();
    }

    /// <summary>Shows bytes as UTF-8 text where possible, hex otherwise.</summary>
    public static string Show(byte[] value)
    {
        try
        {
            return Show(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(value));
        }
        catch (DecoderFallbackException)
        {
            return "bytes " + Convert.ToHexString(value.AsSpan(0, Math.Min(value.Length, 400)));
        }
    }

    private static int StableHash(string text)
    {
        // string.GetHashCode is randomised per process; this one is not.
        int hash = 17;
        foreach (char c in text) hash = unchecked((hash * 31) + c);
        return hash;
    }
}
