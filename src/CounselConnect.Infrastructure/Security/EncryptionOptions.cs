namespace CounselConnect.Infrastructure.Security;

/// <summary>Settings under <c>Encryption</c> (see docs/security.md).</summary>
public sealed class EncryptionOptions
{
    public const string Section = "Encryption";

    /// <summary>
    /// The master key (base64 of 32 random bytes) named by <see cref="MasterKeyId"/>: shorthand for
    /// <c>MasterKeys:&lt;MasterKeyId&gt;</c>, as deployments with one master key configure it.
    /// </summary>
    public string? MasterKey { get; set; }

    /// <summary>
    /// The current master key's name: new data keys are wrapped by it and the rotation job moves every key to it. It is
    /// stored beside each wrapped key.
    /// </summary>
    public string MasterKeyId { get; set; } = "master-1";

    /// <summary>
    /// Every master key the service may meet, by name (<c>Encryption:MasterKeys:&lt;id&gt;</c>, base64 of 32 bytes): the
    /// current one and, during a rotation, the old ones still wrapping some keys.
    /// </summary>
    public Dictionary<string, string> MasterKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// How long a server trusts an unwrapped data key it holds in memory before checking the database again. A purge
    /// destroys the key at once on the server that runs it; other servers stop opening the case's values within this
    /// time (default 5 minutes). The database and its backups are unreadable at once either way.
    /// </summary>
    public TimeSpan DataKeyCacheLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
