using System.Globalization;
using Altinn.Sdk.Bench;

// Console benchmarks of the SDK against the emulator on loopback. Each figure is reported with a baseline measured in
// the same run, so results compare across machines as ratios. Usage:
//   dotnet run -c Release --project bench/Altinn.Sdk.Bench -- emulator-paging [instances=10000] [pageSize=100] [rounds=5]
//   dotnet run -c Release --project bench/Altinn.Sdk.Bench -- storage-paging [instances=10000] [pageSize=100] [rounds=7]
//   dotnet run -c Release --project bench/Altinn.Sdk.Bench -- storage-paging-replay [instances=10000] [pageSize=100] [rounds=151]
//   dotnet run -c Release --project bench/Altinn.Sdk.Bench -- download-memory [bytes=1073741824] [rounds=2]
//   dotnet run -c Release --project bench/Altinn.Sdk.Bench -- upload-memory [bytes=1073741824] [rounds=2]
//   dotnet run -c Release --project bench/Altinn.Sdk.Bench -- archive-faults [instances=2000] [elementBytes=2048] [concurrency=16]
//   dotnet run -c Release --project bench/Altinn.Sdk.Bench -- archive-throughput [--instances 500] [--bytes 65536] [--rounds 3]
//   dotnet run -c Release --project bench/Altinn.Sdk.Bench -- token-cache [--requests 100] [--rounds 7] [--lifetimes 3]
//   dotnet run -c Release --project bench/Altinn.Sdk.Bench -- archive-worker [--instances 200] [--interval-ms 200] [--concurrency 4]
// The JSON deserialisation suite (json-page) is BenchmarkDotNet, in bench/Altinn.Sdk.Bench.Json.
string suite = args.Length > 0 ? args[0] : "emulator-paging";
switch (suite)
{
    case "emulator-paging":
        await EmulatorPaging.RunAsync((int)BenchSupport.Arg(args, 1, 10_000), (int)BenchSupport.Arg(args, 2, 100), (int)BenchSupport.Arg(args, 3, 5));
        return 0;
    case "storage-paging":
        await StoragePaging.RunAsync((int)BenchSupport.Arg(args, 1, 10_000), (int)BenchSupport.Arg(args, 2, 100), (int)BenchSupport.Arg(args, 3, 7));
        return 0;
    case "storage-paging-replay":
        await StoragePaging.RunReplayAsync((int)BenchSupport.Arg(args, 1, 10_000), (int)BenchSupport.Arg(args, 2, 100), (int)BenchSupport.Arg(args, 3, 151));
        return 0;
    case "download-memory":
        await DownloadMemory.RunAsync(BenchSupport.Arg(args, 1, 1L << 30), (int)BenchSupport.Arg(args, 2, 2));
        return 0;
    case "upload-memory":
        await UploadMemory.RunAsync(BenchSupport.Arg(args, 1, 1L << 30), (int)BenchSupport.Arg(args, 2, 2));
        return 0;
    case "archive-faults":
        return await ArchiveFaults.RunAsync((int)BenchSupport.Arg(args, 1, 2_000), (int)BenchSupport.Arg(args, 2, 2_048), (int)BenchSupport.Arg(args, 3, 16));
    case "archive-throughput":
        return await ArchiveThroughput.RunAsync((int)BenchSupport.Option(args, "--instances", 1, 500), (int)BenchSupport.Option(args, "--bytes", 2, 65_536), (int)BenchSupport.Option(args, "--rounds", 3, 3));
    case "token-cache":
        return await TokenCacheBench.RunAsync((int)BenchSupport.Option(args, "--requests", 1, 100), (int)BenchSupport.Option(args, "--rounds", 2, 7), (int)BenchSupport.Option(args, "--lifetimes", 3, 3));
    case "archive-worker":
        return await ArchiveWorkerBench.RunAsync((int)BenchSupport.Option(args, "--instances", 1, 200), (int)BenchSupport.Option(args, "--interval-ms", 2, 200), (int)BenchSupport.Option(args, "--concurrency", 3, 4));
    default:
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Unknown suite '{suite}'. Suites: emulator-paging, storage-paging, storage-paging-replay, download-memory, upload-memory, archive-faults, archive-throughput, token-cache, archive-worker."));
        return 2;
}
