namespace CounselConnect.Domain.Auditing;

/// <summary>
/// One read or write of client data, or one conflict check. Who, what kind of record, which record id, which
/// category of fields, when and from which route: never personal values.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        Actor = string.Empty;
        Action = string.Empty;
        EntityType = string.Empty;
        FieldCategory = string.Empty;
    }

    public AuditEntry(string actor, string action, string entityType, Guid? entityId, string fieldCategory, string? route, DateTime atUtc)
    {
        Actor = actor;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        FieldCategory = fieldCategory;
        Route = route;
        AtUtc = atUtc;
    }

    public long Id { get; private set; }

    public string Actor { get; private set; }

    public string Action { get; private set; }

    public string EntityType { get; private set; }

    public Guid? EntityId { get; private set; }

    public string FieldCategory { get; private set; }

    public string? Route { get; private set; }

    public DateTime AtUtc { get; private set; }
}
