#if NET
using System;
using System.Security.Cryptography.X509Certificates;

namespace Altinn.Sdk;

/// <summary>
/// Loads a certificate with its private key from a PKCS#12 file (.p12/.pfx). The key is kept in memory only
/// (<see cref="X509KeyStorageFlags.EphemeralKeySet"/>): on Windows the default would write it to the user's key store
/// on disk, where it stays if the process dies. macOS has no ephemeral keys; there the key goes to the temporary
/// keychain .NET creates for the process and deletes, and is never persisted (no <see cref="X509KeyStorageFlags.PersistKeySet"/>).
/// </summary>
internal static class Pkcs12Files
{
    /// <summary>Loads the certificate and its private key.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The file is not PKCS#12, or the password is wrong.</exception>
    public static X509Certificate2 Load(string path, string? password) =>
        X509CertificateLoader.LoadPkcs12FromFile(path, password, KeyStorage(OperatingSystem.IsMacOS()));

    /// <summary>Where the private key is kept on the platform: in memory only, except on macOS, which does not support that.</summary>
    internal static X509KeyStorageFlags KeyStorage(bool isMacOS) =>
        isMacOS ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
}
#endif
