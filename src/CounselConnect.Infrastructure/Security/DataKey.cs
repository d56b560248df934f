namespace CounselConnect.Infrastructure.Security;

/// <summary>
/// One client's data key, wrapped (AES-GCM) by the master key. Destroying it (wrapped bytes erased) makes every
/// value encrypted with it unreadable, in the database and in every backup: deletion by key destruction.
/// </summary>
public sealed class DataKey
{
    private DataKey()
    {
        WrappedKey = [];
        MasterKeyId = string.Empty;
    }

    public DataKey(Guid id, Guid scopeId, Guid organisationId, byte[] wrappedKey, string masterKeyId, DateTime createdAtUtc)
    {
        Id = id;
        ScopeId = scopeId;
        OrganisationId = organisationId;
        WrappedKey = wrappedKey;
        MasterKeyId = masterKeyId;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }

    /// <summary>What the key protects: a case (its client and related people) or one imported party.</summary>
    public Guid ScopeId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public byte[] WrappedKey { get; private set; }

    public string MasterKeyId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? DestroyedAtUtc { get; private set; }

    public bool IsDestroyed => DestroyedAtUtc.HasValue;

    public void Destroy(DateTime nowUtc)
    {
        WrappedKey = [];
        DestroyedAtUtc = nowUtc;
    }
}
