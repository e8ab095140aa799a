using System.Diagnostics;

namespace Altinn.Sdk.Packaging.Tests;

/// <summary>
/// A copy of the repository's working tree (the files git tracks or would track: no bin/, obj/ or other ignored
/// output) made into a git repository of its own with one commit and no tags: what a fresh clone is to MinVer.
/// </summary>
internal static class RepositoryCopy
{
    public static async Task CreateAsync(string target)
    {
        foreach (string file in await RepositoryFilesAsync())
        {
            string copy = Path.Combine(target, file);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(Path.Combine(DotNet.RepoRoot, file), copy);
        }

        await GitAsync(target, "init", "-q", "-b", "main");
        await GitAsync(target, "add", "-A");
        await CommitAsync(target, "The working tree");
    }

    /// <summary>Commits whatever changed (an empty commit if nothing did).</summary>
    public static Task CommitAsync(string repository, string message) => GitAsync(repository, "commit", "-q", "--allow-empty", "-m", message);

    /// <summary>Runs git in <paramref name="repository"/> with a committer of its own (the machine may have none) and no signing.</summary>
    public static async Task<string> GitAsync(string repository, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "-c", "user.name=Packaging Tests", "-c", "user.email=packaging-tests@example.org", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, "git {0} succeeds: {1}", string.Join(' ', arguments), await error);
        return output;
    }

    private static async Task<List<string>> RepositoryFilesAsync()
    {
        string list = await GitAsync(DotNet.RepoRoot, "ls-files", "-z", "--cached", "--others", "--exclude-standard");

        // A file deleted but not yet staged is still listed.
        return list.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(DotNet.RepoRoot, f))).ToList();
    }
}
