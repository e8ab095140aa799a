namespace Altinn.Sdk.Testing.Hosting;

/// <summary>Self links on instances and data elements, as Storage (<c>platform</c>) and the App API (<c>apps</c>) set them.</summary>
internal static class EmulatorLinks
{
    /// <summary>The instance with <c>selfLinks.apps</c> and <c>selfLinks.platform</c> on it and on every data element.</summary>
    public static Instance WithLinks(this EmulatorContext emulator, Instance instance)
    {
        var id = instance.Id!;
        string apps = new Uri(emulator.AppBaseUrl(instance.AppId!), $"instances/{id}").AbsoluteUri;
        string platform = new Uri(emulator.StorageBaseUrl, $"instances/{id}").AbsoluteUri;
        return instance with
        {
            SelfLinks = new ResourceLinks { Apps = apps, Platform = platform },
            Data = instance.Data?.Select(d => d with
            {
                SelfLinks = new ResourceLinks { Apps = $"{apps}/data/{d.Id}", Platform = $"{platform}/data/{d.Id}" },
            }).ToArray(),
        };
    }
}
