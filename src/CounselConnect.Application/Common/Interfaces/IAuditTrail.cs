namespace CounselConnect.Application.Common.Interfaces;

/// <summary>Records who touched which client record, with no personal values.</summary>
public interface IAuditTrail
{
    /// <summary>Adds an entry to the current unit of work (saved with it).</summary>
    void Record(string action, string entityType, Guid? entityId, string fieldCategory);
}
