namespace CounselConnect.Domain.Auditing;

/// <summary>
/// One read or write of client data, one conflict check, or one refused request. Who, what kind of record, which
/// record id, which category of fields, when and from which route: never personal values. Entries form one
/// append-only chain per organisation: each carries its position in the chain, the hash of the entry before it and
/// its own keyed hash over its canonical content, so an edited, inserted or removed row breaks the chain. An entry
/// is saved unchained (position 0) with the request's other changes and linked shortly after by a background
/// chainer, in the order of its row id (ADR 0015).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The chain of entries that belong to no organisation (anonymous callers, background work).</summary>
    public static readonly Guid SystemChain = Guid.Empty;

    private AuditEntry()
    {
        Actor = string.Empty;
        Action = string.Empty;
        EntityType = string.Empty;
        FieldCategory = string.Empty;
        PreviousHash = string.Empty;
        Hash = string.Empty;
    }

    public AuditEntry(string actor, string action, string entityType, Guid? entityId, string fieldCategory, string? route, DateTime atUtc)
        : this(SystemChain, actor, action, entityType, entityId, fieldCategory, route, atUtc)
    {
    }

    public AuditEntry(Guid organisationId, string actor, string action, string entityType, Guid? entityId, string fieldCategory, string? route, DateTime atUtc)
    {
        OrganisationId = organisationId;
        Actor = actor;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        FieldCategory = fieldCategory;
        Route = route;
        // Microsecond precision: what every provider stores, so the hash computed now matches the row read back.
        AtUtc = new DateTime(atUtc.Ticks - (atUtc.Ticks % 10), DateTimeKind.Utc);
        PreviousHash = string.Empty;
        Hash = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>The organisation whose chain holds the entry; <see cref="SystemChain"/> for none.</summary>
    public Guid OrganisationId { get; private set; }

    /// <summary>Position in the organisation's chain, from 1, without gaps; 0 until the chainer has linked the entry.</summary>
    public long Sequence { get; private set; }

    public string Actor { get; private set; }

    public string Action { get; private set; }

    public string EntityType { get; private set; }

    public Guid? EntityId { get; private set; }

    public string FieldCategory { get; private set; }

    public string? Route { get; private set; }

    public DateTime AtUtc { get; private set; }

    /// <summary>Hash of the entry before this one in the chain (hex); empty for the first.</summary>
    public string PreviousHash { get; private set; }

    /// <summary>Keyed hash (hex) of the previous hash and this entry's canonical content.</summary>
    public string Hash { get; private set; }

    /// <summary>Whether the chainer has placed the entry in its chain yet.</summary>
    public bool IsChained() => Sequence > 0;

    /// <summary>Places a saved, unchained entry in its chain; done by the persistence layer's background chainer.</summary>
    public void Link(long sequence, string previousHash, string hash)
    {
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = hash;
    }
}
