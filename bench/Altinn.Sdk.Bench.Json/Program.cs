using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// BenchmarkDotNet suites. Usage:
//   dotnet run -c Release --project bench/Altinn.Sdk.Bench.Json -- json-page
// Other arguments are passed to BenchmarkDotNet (e.g. --filter '*Newtonsoft*').
// Runs in process with a short job (3 warm-ups, 3 iterations of 1 launch), so a suite takes about a minute on two cores;
// compare the ratios against the baseline, which are measured in the same run.
string suite = args.Length > 0 ? args[0] : "json-page";
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
switch (suite)
{
    case "json-page":
        BenchmarkRunner.Run<Altinn.Sdk.Bench.JsonPageBenchmarks>(config, args.Skip(1).ToArray());
        return 0;
    default:
        Console.Error.WriteLine($"Unknown suite '{suite}'. Suites: json-page.");
        return 2;
}
