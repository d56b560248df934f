namespace CounselConnect.Infrastructure.Security;

/// <summary>Settings under <c>Encryption</c> (see docs/security.md).</summary>
public sealed class EncryptionOptions
{
    public const string Section = "Encryption";

    /// <summary>The master key (base64 of 32 random bytes) that wraps every client's data key. Required.</summary>
    public string? MasterKey { get; set; }

    /// <summary>Names the master key, stored beside each wrapped data key so keys can be rotated.</summary>
    public string MasterKeyId { get; set; } = "master-1";
}
