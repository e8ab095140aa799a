using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Leaks;

/// <summary>
/// Watches a whole test run for credentials and personal data: every SDK log message at Trace (through
/// <see cref="LoggerFactory"/>), every exception thrown anywhere in the process, and whatever a test hands to
/// <see cref="Scan(string, string?, bool)"/> (command output). Looks for JWTs, bearer tokens, PEM private keys, the
/// secrets and private JWK members tests register, and the national identity numbers the emulator seeds and the tests
/// use. Hits are kept for <see cref="LeakScan"/>, which runs after every other test of the assembly.
/// </summary>
public static partial class LeakWatch
{
    /// <summary>The person numbers of the demo seed, the tests and the samples (some with deliberately wrong check digits).</summary>
    private static readonly string[] NationalIds =
    [
        "01017012343", "01017012344", "01017012345", "01017012353", "02027012345", "02027012372",
        "03037010048", "08089403198", "16035001577", "41017012337",
    ];

    private static readonly ConcurrentQueue<string> HitList = new();
    private static readonly ConcurrentDictionary<string, int> Ignored = new(StringComparer.Ordinal);
    private static readonly AsyncLocal<IgnoreScope?> Ignoring = new();
    private static readonly Lock SecretsGate = new();
    private static string[] _secrets = [];
    private static long _lines;
    private static long _texts;
    private static long _logMessages;

    [ThreadStatic]
    private static bool _inFirstChance;

    /// <summary>A logger factory at Trace whose every message, structured value, scope and exception is scanned.</summary>
    public static ILoggerFactory LoggerFactory { get; } = new WatchFactory();

    /// <summary>The same as a provider, for a test's own <c>AddLogging</c> (with <see cref="AddLeakWatch"/>).</summary>
    public static ILoggerProvider Provider => (WatchFactory)LoggerFactory;

    public static long LinesScanned => Interlocked.Read(ref _lines);

    public static long TextsScanned => Interlocked.Read(ref _texts);

    /// <summary>Log messages the watch's loggers received (the other texts are exceptions and command output).</summary>
    public static long LogMessagesScanned => Interlocked.Read(ref _logMessages);

    /// <summary>What was found: where and what kind, never the text itself.</summary>
    public static IReadOnlyCollection<string> Hits => HitList;

    /// <summary>Hits inside <see cref="Ignore"/> scopes, by reason.</summary>
    public static IReadOnlyDictionary<string, int> IgnoredHits => Ignored;

    /// <summary>Set by the test framework when every other test of the assembly has finished.</summary>
    public static bool OtherTestsFinished { get; internal set; }

    public static ILogger<T> Logger<T>() => LoggerFactory.CreateLogger<T>();

    /// <summary>A logger that writes to <paramref name="inner"/> (a test's FakeLogger it asserts on) and to the watch.</summary>
    public static ILogger<T> Tee<T>(ILogger<T> inner) => new TeeLogger<T>(inner, Logger<T>());

    /// <summary>Adds the watch to a test's own logging, at Trace whatever the builder's minimum level.</summary>
    public static ILoggingBuilder AddLeakWatch(this ILoggingBuilder builder) =>
        builder.AddProvider(Provider).AddFilter<WatchFactory>(null, LogLevel.Trace);

    /// <summary>Watches for a secret given as is (a token, a password, a key).</summary>
    public static void AddSecret(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        lock (SecretsGate) _secrets = [.. _secrets, secret];
    }

    /// <summary>Watches for the private members of a JWK (d, p, q, dp, dq, qi).</summary>
    public static void AddPrivateJwk(string jwk)
    {
        using JsonDocument document = JsonDocument.Parse(jwk);
        foreach (string member in new[] { "d", "p", "q", "dp", "dq", "qi" })
        {
            if (document.RootElement.TryGetProperty(member, out JsonElement value) && value.GetString() is { Length: > 0 } secret) AddSecret(secret);
        }
    }

    /// <summary>
    /// Within the returned scope (this async flow only), hits are counted under <paramref name="reason"/> instead of
    /// failing the run: for a test that puts a secret where the watch sees it on purpose.
    /// </summary>
    /// <param name="reason">Why the test does it.</param>
    /// <param name="onlyExceptionsThrownBy">
    /// When given, only exceptions thrown by code of this assembly are ignored (a library the test feeds the secret to
    /// directly); the SDK's own exceptions and logs are still watched.
    /// </param>
    public static IDisposable Ignore(string reason, System.Reflection.Assembly? onlyExceptionsThrownBy = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        IgnoreScope? outer = Ignoring.Value;
        Ignoring.Value = new IgnoreScope(reason, onlyExceptionsThrownBy);
        return new Restore(() => Ignoring.Value = outer);
    }

    /// <summary>Scans a text (a log line, an exception, command output) from <paramref name="source"/>.</summary>
    /// <param name="source">Where the text came from, for the report.</param>
    /// <param name="text">The text.</param>
    /// <param name="isRequestedData">
    /// The text is data the caller asked for (an instance as Storage sent it): national identity numbers in it are the
    /// instance owner's, not a leak, so only credentials are looked for.
    /// </param>
    /// <returns>The number of hits in the text (those inside an <see cref="Ignore"/> scope too).</returns>
    public static int Scan(string source, string? text, bool isRequestedData = false) => Scan(source, text, isRequestedData, thrower: null);

    private static int Scan(string source, string? text, bool isRequestedData, System.Reflection.Assembly? thrower)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        Interlocked.Increment(ref _texts);
        string[] secrets = Volatile.Read(ref _secrets);
        long lines = 0;
        int hits = 0;
        foreach (ReadOnlySpan<char> line in text.AsSpan().EnumerateLines())
        {
            lines++;
            if (line.Contains("eyJ", StringComparison.Ordinal) && Jwt().IsMatch(line)) hits += Hit(thrower, source, "a JWT");
            if (line.Contains("bearer", StringComparison.OrdinalIgnoreCase) && Bearer().IsMatch(line)) hits += Hit(thrower, source, "a bearer token");
            if (line.Contains("-----BEGIN", StringComparison.Ordinal) && PemPrivateKey().IsMatch(line)) hits += Hit(thrower, source, "a PEM private key");
            foreach (string secret in secrets)
            {
                if (line.Contains(secret, StringComparison.Ordinal)) hits += Hit(thrower, source, $"private key material or a secret ({secret.Length} characters)");
            }

            if (isRequestedData) continue;
            foreach (string id in NationalIds)
            {
                if (line.Contains(id, StringComparison.Ordinal)) hits += Hit(thrower, source, "a national identity number");
            }
        }

        Interlocked.Add(ref _lines, lines);
        return hits;
    }

    /// <summary>Scans an exception: its message, its <c>ToString()</c> and its inner exceptions' messages.</summary>
    /// <returns>The number of hits.</returns>
    public static int Scan(string source, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        int hits = Scan(source + " (message)", exception.Message) + Scan(source + " (ToString)", exception.ToString());
        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException) hits += Scan(source + " (inner)", inner.Message);
        return hits;
    }

#pragma warning disable CA2255 // A test assembly: the watch must see exceptions from the first test on, whatever runs it.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void WatchExceptions() => AppDomain.CurrentDomain.FirstChanceException += OnFirstChanceException;

    private static void OnFirstChanceException(object? sender, FirstChanceExceptionEventArgs e)
    {
        // Scanning may throw (a lazy Message): that exception must not be scanned again.
        if (_inFirstChance) return;
        _inFirstChance = true;
        try
        {
            System.Reflection.MethodBase? thrower = e.Exception.TargetSite;
            string source = $"exception {e.Exception.GetType().Name} thrown in {thrower?.DeclaringType?.Name}.{thrower?.Name}";
            Scan(source, e.Exception.Message, isRequestedData: false, thrower?.DeclaringType?.Assembly);

            // The SDK's exceptions carry what they were told besides the message (a redacted URL, the response text,
            // Maskinporten's error description): a caller logs those too.
            if (e.Exception.GetType().Namespace?.StartsWith("Altinn.Sdk", StringComparison.Ordinal) == true)
            {
                foreach (System.Reflection.PropertyInfo property in e.Exception.GetType().GetProperties())
                {
                    if (property.PropertyType == typeof(string) && property.DeclaringType != typeof(Exception) && property.GetIndexParameters().Length == 0)
                    {
                        Scan($"{source}, {property.Name}", property.GetValue(e.Exception) as string, isRequestedData: false, thrower?.DeclaringType?.Assembly);
                    }
                }
            }
        }
#pragma warning disable CA1031 // The watch never changes what the code under test sees.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            _inFirstChance = false;
        }
    }

    private static int Hit(System.Reflection.Assembly? thrower, string source, string kind)
    {
        if (Ignoring.Value is { } scope && (scope.OnlyThrownBy is null || scope.OnlyThrownBy == thrower)) Ignored.AddOrUpdate(scope.Reason, 1, (_, n) => n + 1);
        else HitList.Enqueue($"{source}: {kind}{TestOnStack()}");
        return 1;
    }

    /// <summary>The test code on the stack (only looked up for a hit), to say where a leak came from.</summary>
    private static string TestOnStack()
    {
        foreach (System.Diagnostics.StackFrame frame in new System.Diagnostics.StackTrace().GetFrames())
        {
            Type? type = frame.GetMethod()?.DeclaringType;
            if (type is null || type.Assembly != typeof(LeakWatch).Assembly || type.FullName!.StartsWith(typeof(LeakWatch).FullName!, StringComparison.Ordinal)) continue;
            // An async method's frame is its state machine, nested in the class: <Name>d__N.
            return type.DeclaringType is { } outer && type.Name.StartsWith('<') ? $" (in {outer.Name}.{type.Name[1..type.Name.IndexOf('>', StringComparison.Ordinal)]})" : $" (in {type.Name}.{frame.GetMethod()!.Name})";
        }

        return string.Empty;
    }

    /// <summary>A JWT: a base64url JSON header and payload (both start with <c>{"</c>, so <c>eyJ</c>) and a signature.</summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9._~+/=-]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----")]
    private static partial Regex PemPrivateKey();

    private static string? Format(object? value) => value switch
    {
        null => null,
        string text => text,
        IEnumerable items => string.Join(", ", items.Cast<object?>()),
        _ => value.ToString(),
    };

    private sealed record IgnoreScope(string Reason, System.Reflection.Assembly? OnlyThrownBy);

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    private sealed class WatchFactory : ILoggerFactory, ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new WatchLogger(categoryName);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("The leak watch has its one provider.");

        // Process-wide: a container that disposes its ILoggerFactory must not end the watch.
        public void Dispose()
        {
        }
    }

    private sealed class WatchLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            ScanState($"log {category} scope", state);
            Scan($"log {category} scope", state.ToString());
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string source = $"log {category}/{eventId.Name ?? eventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            Interlocked.Increment(ref _logMessages);
            Scan(source, formatter(state, exception));
            ScanState(source, state);
            if (exception is not null) Scan(source + " exception", exception);
        }

        private static void ScanState<TState>(string source, TState state)
        {
            if (state is not IEnumerable<KeyValuePair<string, object?>> pairs) return;
            foreach (KeyValuePair<string, object?> pair in pairs)
            {
                if (pair.Key != "{OriginalFormat}") Scan($"{source} state {pair.Key}", Format(pair.Value));
            }
        }
    }

    private sealed class TeeLogger<T>(ILogger<T> inner, ILogger watch) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            watch.BeginScope(state);
            return inner.BeginScope(state);
        }

        public bool IsEnabled(LogLevel logLevel) => watch.IsEnabled(logLevel) || inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (inner.IsEnabled(logLevel)) inner.Log(logLevel, eventId, state, exception, formatter);
            watch.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
