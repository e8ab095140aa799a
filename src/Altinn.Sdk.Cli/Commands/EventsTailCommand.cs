using Altinn.Sdk.Events;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn events tail</c>: follows an app's event feed until Ctrl+C, printing each event as it arrives.</summary>
internal static class EventsTailCommand
{
    public static Command Create(CliApp app)
    {
        var appId = CliValues.AppId();
        var after = EventsCommand.After();
        var types = EventsCommand.Types();
        var checkpoint = new Option<string?>("--checkpoint")
        {
            Description = "A folder to keep the place in the feed in (one small file per app and filter, written atomically after each event is printed). "
                + "A new run resumes after the last event printed; without --after the first run starts at the beginning of the feed.",
            HelpName = "DIR",
        };
        checkpoint.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[^1].Value)) result.AddError("--checkpoint is empty.");
        });
        var interval = new Option<int?>("--interval")
        {
            Description = "Seconds to wait after catching up before asking again (default 30; Events shows an event about 30 seconds after it happens).",
            HelpName = "SECONDS",
            CustomParser = result =>
            {
                string value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed is >= 1 and <= 3600) return parsed;
                result.AddError($"--interval: '{value}' is not a number of seconds from 1 to 3600.");
                return null;
            },
        };
        var command = new Command(
            "tail",
            "Follow an app's events until Ctrl+C, printing each as it arrives (--json: one CloudEvent per line). "
            + "Starts after --after, else where --checkpoint left off, else with the events from now on. Network errors and 5xx are retried with a growing wait.")
        {
            appId, after, types, checkpoint, interval,
        };

        app.SetAction(command, async (context, parse, cancellationToken) =>
        {
            var query = new AppEventsQuery(parse.GetValue(appId)!) { After = parse.GetValue(after) };
            foreach (string type in parse.GetValue(types) ?? []) query.Types.Add(type);
            string? folder = parse.GetValue(checkpoint);

            // A checkpoint's key includes the feed's filters, so a resumable tail starts from an id ("0"), never from a
            // time that differs on every run. Without a checkpoint, "from now on" is what a person tailing expects.
            if (query.After is null)
            {
                if (folder is null) query.From = DateTimeOffset.UtcNow;
                else query.After = "0";
            }

            EventCheckpointStore store = folder is null ? new MemoryCheckpointStore() : OpenCheckpoints(folder);
            var options = new EventsPollerOptions { PollingInterval = TimeSpan.FromSeconds(parse.GetValue(interval) ?? 30), RequestOptions = context.RequestOptions };
            var poller = new EventsPoller(context.Events, query, store, options, new WarningLogger(context.Output));
            CliOutput output = context.Output;
            string? resumeFrom = await store.GetCheckpointAsync(poller.CheckpointKey, cancellationToken);
            output.Note(resumeFrom is not null
                ? $"Following the events of {query.AppId} after {resumeFrom} (from the checkpoint). Ctrl+C stops."
                : $"Following the events of {query.AppId}{(query.After is null ? " from now on" : query.After == "0" ? " from the beginning" : " after " + query.After)}. Ctrl+C stops.");

            int count = 0;
            string? lastId = resumeFrom;
            try
            {
                await poller.RunAsync(
                    (cloudEvent, _) =>
                    {
                        if (output.Json) EventsCommand.WriteJson(output, cloudEvent);
                        else output.Line(EventsCommand.Describe(cloudEvent));
                        count++;
                        lastId = cloudEvent.Id;
                        return Task.CompletedTask;
                    },
                    cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C is how a tail ends: say where it stopped so that it can be picked up again.
                string place = lastId is null ? string.Empty : folder is not null ? $" The checkpoint is at {lastId}." : $" Continue with --after {lastId}.";
                output.Note(WorkflowText.Invariant($"Stopped after {count} event{(count == 1 ? string.Empty : "s")}.{place}"));
                return ExitCodes.Cancelled;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The checkpoint folder (created when missing); a folder that cannot be used is a usage error, found before anything is sent.</summary>
    private static FileEventCheckpointStore OpenCheckpoints(string folder)
    {
        try
        {
            return new FileEventCheckpointStore(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliUsageException($"--checkpoint: the folder '{folder}' cannot be used: {e.Message}");
        }
    }

    /// <summary>The place in the feed for a tail without --checkpoint: kept while the command runs.</summary>
    private sealed class MemoryCheckpointStore : EventCheckpointStore
    {
        private string? _eventId;

        public override Task<string?> GetCheckpointAsync(string feedKey, CancellationToken cancellationToken = default) => Task.FromResult(_eventId);

        public override Task SaveCheckpointAsync(string feedKey, string eventId, CancellationToken cancellationToken = default)
        {
            _eventId = eventId;
            return Task.CompletedTask;
        }
    }

    /// <summary>Shows the poller's warnings (a failure it retries) on standard error, so a stalled tail says why.</summary>
    private sealed class WarningLogger(CliOutput output) : ILogger<EventsPoller>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) output.Warning(formatter(state, exception));
        }
    }
}
