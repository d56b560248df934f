namespace CounselConnect.Domain.People;

/// <summary>
/// The change feed of parties: one row per party insert, update or delete, written in the same transaction.
/// Every server replays it to keep its in-memory conflict index identical to the database.
/// </summary>
public sealed class PartyChange
{
    private PartyChange()
    {
    }

    public PartyChange(Guid organisationId, Guid partyId, bool deleted)
    {
        OrganisationId = organisationId;
        PartyId = partyId;
        Deleted = deleted;
    }

    public long Seq { get; private set; }

    public Guid OrganisationId { get; private set; }

    public Guid PartyId { get; private set; }

    public bool Deleted { get; private set; }
}
