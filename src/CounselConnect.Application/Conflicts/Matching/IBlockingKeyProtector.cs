namespace CounselConnect.Application.Conflicts.Matching;

/// <summary>
/// Turns a plaintext blocking key into the form the index stores and looks up (a keyed hash such as HMAC in
/// production). Candidate retrieval depends only on exact equality of the protected keys.
/// </summary>
public interface IBlockingKeyProtector
{
    string Protect(string key);
}

/// <summary>Leaves keys as they are (tests, benchmarks, and until keyed hashing is configured).</summary>
public sealed class IdentityBlockingKeyProtector : IBlockingKeyProtector
{
    public static IdentityBlockingKeyProtector Instance { get; } = new();

    public string Protect(string key) => key;
}

/// <summary>
/// Keyed hashes (HMAC-SHA256, first 128 bits, hex) of blocking keys, as stored when personal data is encrypted: equal
/// keys give equal outputs and nothing else about the name can be read from them without the key.
/// </summary>
public sealed class HmacBlockingKeyProtector : IBlockingKeyProtector
{
    private readonly byte[] _key;

    public HmacBlockingKeyProtector(ReadOnlySpan<byte> key)
    {
        if (key.Length < 16)
        {
            throw new ArgumentException("The blocking-key HMAC key must be at least 16 bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    public string Protect(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var length = System.Text.Encoding.UTF8.GetMaxByteCount(key.Length);
        var buffer = length <= 256 ? stackalloc byte[256] : new byte[length];
        var written = System.Text.Encoding.UTF8.GetBytes(key, buffer);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.HMACSHA256.HashData(_key, buffer[..written], hash);
        return Convert.ToHexString(hash[..16]);
    }
}
