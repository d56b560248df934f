using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Calendars;

/// <summary>
/// A revocable secret link to one person's calendar of hearings (for Outlook and phone calendars). Only a hash of
/// the secret is stored; a new link revokes the previous one.
/// </summary>
public sealed class CalendarFeed : Entity
{
    private CalendarFeed()
    {
        UserSubject = string.Empty;
        TokenHash = string.Empty;
    }

    public CalendarFeed(Guid organisationId, string userSubject, string tokenHash, DateTime nowUtc)
    {
        CheckRule(string.IsNullOrWhiteSpace(userSubject), "CalendarFeedOwnerRequired", "A calendar link belongs to a person.");
        OrganisationId = organisationId;
        UserSubject = userSubject;
        TokenHash = tokenHash;
        CreatedAtUtc = nowUtc;
    }

    public Guid OrganisationId { get; private set; }

    public string UserSubject { get; private set; }

    public string TokenHash { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? RevokedAtUtc { get; private set; }

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;
}
