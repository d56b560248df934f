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
