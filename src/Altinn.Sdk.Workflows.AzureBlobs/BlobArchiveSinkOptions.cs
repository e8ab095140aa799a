namespace Altinn.Sdk.Workflows.AzureBlobs;

/// <summary>Settings of a <see cref="BlobArchiveSink"/>.</summary>
public sealed class BlobArchiveSinkOptions
{
    /// <summary>The shortest lease Azure Blob Storage grants: 15 seconds.</summary>
    public static readonly TimeSpan MinLeaseDuration = TimeSpan.FromSeconds(15);

    /// <summary>The longest finite lease Azure Blob Storage grants: 60 seconds.</summary>
    public static readonly TimeSpan MaxLeaseDuration = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long the lease that holds an app's archive lasts; the holder renews it every third of this. A replica that
    /// dies hands the app over at most this long after its last renewal. Default 30 seconds; between
    /// <see cref="MinLeaseDuration"/> and <see cref="MaxLeaseDuration"/> (a lease that never expires would keep a
    /// dead replica's apps locked).
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock of lease renewals and of waiting for another holder. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The size of a staged block, and of the one buffer a write holds. 4 MiB; smaller in tests.</summary>
    internal int BlockSize { get; set; } = 4 * 1024 * 1024;
}
