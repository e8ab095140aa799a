using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// BenchmarkDotNet suites. Usage:
//   dotnet run -c Release --project bench/Altinn.Sdk.Bench.Json -- json-page
//   dotnet run -c Release --project bench/Altinn.Sdk.Bench.Json -- json-page-interleaved [rounds=60] [readsPerRound=10]
// Other arguments of json-page are passed to BenchmarkDotNet (e.g. --filter '*Newtonsoft*').
// Runs in process (no generated project, so the repository's central package management is no obstacle) with a
// short job of 5 warm-ups and 10 iterations, so the suite takes about a minute on two cores; compare the ratios
// against the baseline, which are measured in the same run.
string suite = args.Length > 0 ? args[0] : "json-page";
var config = DefaultConfig.Instance
    .AddJob(Job.Default
        .WithWarmupCount(5)
        .WithIterationCount(10)
        .WithLaunchCount(1)
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithId("Short-InProcess"))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
switch (suite)
{
    case "json-page":
        BenchmarkRunner.Run<Altinn.Sdk.Bench.JsonPageBenchmarks>(config, args.Skip(1).ToArray());
        return 0;
    case "json-page-interleaved":
        return Altinn.Sdk.Bench.InterleavedJsonPage.Run(args.Skip(1).ToArray());
    default:
        Console.Error.WriteLine($"Unknown suite '{suite}'. Suites: json-page, json-page-interleaved.");
        return 2;
}
