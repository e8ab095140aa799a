using System.Security.Cryptography;

namespace Altinn.Sdk.Authentication;

/// <summary>
/// Reads an unencrypted RSA private key from PEM (PKCS#8 or PKCS#1). Written out because .NET Framework, which the
/// netstandard2.0 build serves, has no PEM import; one reader serves every target so they behave the same.
/// </summary>
internal static class PemRsaKey
{
    private const string Pkcs8 = "PRIVATE KEY";
    private const string Pkcs1 = "RSA PRIVATE KEY";

    // DER encoding of the rsaEncryption object identifier, 1.2.840.113549.1.1.1.
    private static readonly byte[] s_rsaEncryption = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01];

    public static RSAParameters Read(string pem)
    {
        if (Block(pem, "ENCRYPTED PRIVATE KEY") is not null)
        {
            throw new ArgumentException("The PEM key is encrypted: give it unencrypted (openssl pkcs8 -topk8 -nocrypt).", nameof(pem));
        }

        byte[]? der;
        bool pkcs8;
        if ((der = Block(pem, Pkcs1)) is not null) pkcs8 = false;
        else if ((der = Block(pem, Pkcs8)) is not null) pkcs8 = true;
        else throw new ArgumentException("The text holds no PEM private key (a PRIVATE KEY or RSA PRIVATE KEY block).", nameof(pem));

        var reader = new DerReader(der);
        if (pkcs8)
        {
            var info = new DerReader(reader.Read(0x30));
            info.Read(0x02); // version
            var algorithm = new DerReader(info.Read(0x30));
            if (!algorithm.Read(0x06).AsSpan().SequenceEqual(s_rsaEncryption))
            {
                throw new ArgumentException("The PEM key is not an RSA key: Maskinporten grants are signed with RS256.", nameof(pem));
            }

            reader = new DerReader(info.Read(0x04));
        }

        var key = new DerReader(reader.Read(0x30));
        key.Read(0x02); // version
        byte[] modulus = Unsigned(key.Read(0x02));
        int half = (modulus.Length + 1) / 2;
        return new RSAParameters
        {
            Modulus = modulus,
            Exponent = Unsigned(key.Read(0x02)),
            D = Pad(Unsigned(key.Read(0x02)), modulus.Length),
            P = Pad(Unsigned(key.Read(0x02)), half),
            Q = Pad(Unsigned(key.Read(0x02)), half),
            DP = Pad(Unsigned(key.Read(0x02)), half),
            DQ = Pad(Unsigned(key.Read(0x02)), half),
            InverseQ = Pad(Unsigned(key.Read(0x02)), half),
        };
    }

    /// <summary>The bytes of the first PEM block with this label, or null.</summary>
    private static byte[]? Block(string pem, string label)
    {
        string begin = $"-----BEGIN {label}-----";
        int start = pem.IndexOf(begin, StringComparison.Ordinal);
        if (start < 0) return null;
        start += begin.Length;
        int end = pem.IndexOf($"-----END {label}-----", start, StringComparison.Ordinal);
        if (end < 0) throw new ArgumentException($"The PEM block {label} has no END line.", nameof(pem));
        try
        {
            return Convert.FromBase64String(pem.Substring(start, end - start));
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"The PEM block {label} is not valid base64.", nameof(pem), e);
        }
    }

    private static byte[] Unsigned(byte[] integer)
    {
        int skip = 0;
        while (skip < integer.Length - 1 && integer[skip] == 0) skip++;
        return skip == 0 ? integer : integer.AsSpan(skip).ToArray();
    }

    private static byte[] Pad(byte[] value, int length)
    {
        if (value.Length >= length) return value;
        byte[] padded = new byte[length];
        Buffer.BlockCopy(value, 0, padded, length - value.Length, value.Length);
        return padded;
    }

    private sealed class DerReader(byte[] data)
    {
        private int _position;

        /// <summary>Reads one element with the expected tag and returns its contents.</summary>
        public byte[] Read(byte tag)
        {
            if (Next() != tag) throw new ArgumentException("The PEM key is not an RSA private key in PKCS#8 or PKCS#1 form.");
            int length = Next();
            if (length > 0x80)
            {
                int bytes = length & 0x7F;
                if (bytes > 3) throw new ArgumentException("The PEM key has an element too long to be a key.");
                length = 0;
                for (int i = 0; i < bytes; i++) length = (length << 8) | Next();
            }
            else if (length == 0x80)
            {
                throw new ArgumentException("The PEM key is not DER (indefinite length).");
            }

            if (_position + length > data.Length) throw Truncated();
            byte[] contents = data.AsSpan(_position, length).ToArray();
            _position += length;
            return contents;
        }

        private byte Next() => _position < data.Length ? data[_position++] : throw Truncated();

        private static ArgumentException Truncated() => new("The PEM key is truncated.");
    }
}
