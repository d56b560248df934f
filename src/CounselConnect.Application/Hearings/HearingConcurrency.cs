using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Common;
using CounselConnect.Domain.Hearings;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Hearings;

/// <summary>
/// Optimistic concurrency for hearing changes: <see cref="Hearing.Version"/> is the EF concurrency token (and each change
/// row is unique per hearing and version), so of two changes made at once only the first is saved. The other, and a
/// change that names a version that is no longer current, is a 409 with the rule <c>HearingChangedConcurrently</c>.
/// </summary>
public static class HearingConcurrency
{
    public const string Rule = "HearingChangedConcurrently";

    /// <summary>Refuses the change when the caller said which version it saw and that is no longer the hearing's.</summary>
    public static void CheckExpectedVersion(Hearing hearing, int? expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(hearing);
        if (expectedVersion is { } expected && expected != hearing.Version)
        {
            throw Conflict();
        }
    }

    public static async Task SaveAsync(IApplicationDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflict();
        }
        catch (DbUpdateException ex) when (ex.Entries.Any(e => e.Entity is Hearing or HearingChange))
        {
            // The unique (hearing, version) index of the change rows caught the second of two changes.
            throw Conflict();
        }
    }

    private static BusinessRuleException Conflict() =>
        new(Rule, "Someone else changed this hearing at the same time. Reload it and try again.");
}
