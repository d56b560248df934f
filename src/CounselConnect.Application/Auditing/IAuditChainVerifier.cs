namespace CounselConnect.Application.Auditing;

/// <summary>Recomputes audit chains link by link and reports the first broken link.</summary>
public interface IAuditChainVerifier
{
    /// <summary>Verifies one organisation's chain, or every chain when <paramref name="organisationId"/> is null.</summary>
    Task<AuditChainReport> VerifyAsync(Guid? organisationId, CancellationToken ct);
}

/// <summary>
/// The outcome of a verification. <see cref="Heads"/> are the last link of each chain: keep a copy elsewhere and
/// compare it with the next report, since removing the newest entries of a chain leaves a shorter, intact chain.
/// <see cref="Unchained"/> counts the entries written but not linked yet by the background chainer (normally the
/// last second's); one left unchained longer than the alarm time is reported as <see cref="FirstBreak"/>.
/// </summary>
public sealed record AuditChainReport(
    int Chains, long EntriesChecked, bool Intact, AuditChainBreak? FirstBreak, IReadOnlyList<AuditChainHead> Heads, long Unchained = 0);

/// <summary>
/// Where a chain breaks: the entry (by row id and position) that does not follow the one before it, and why; or an
/// entry (position 0) that has waited too long to be chained.
/// </summary>
public sealed record AuditChainBreak(Guid OrganisationId, long Sequence, long EntryId, string Reason);

public sealed record AuditChainHead(Guid OrganisationId, long Sequence, string Hash);
