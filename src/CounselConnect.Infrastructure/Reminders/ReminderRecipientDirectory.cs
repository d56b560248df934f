using CounselConnect.Application.Reminders;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Representatives;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Infrastructure.Reminders;

/// <summary>Staff recipients: the case's current assignments, through the representatives' user accounts.</summary>
public sealed class ReminderRecipientDirectory(AppDbContext db) : IReminderRecipientDirectory
{
    public async Task<IReadOnlyList<Guid>> AttorneysForCaseAsync(Case @case, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var subjects = await db.Set<Assignment>()
            .Where(a => a.CaseId == @case.Id && a.EndedAtUtc == null)
            .Join(db.Set<RepresentativeProfile>(), a => a.RepresentativeId, r => r.Id, (a, r) => r.UserSubject)
            .Distinct()
            .ToListAsync(cancellationToken);
        var userIds = subjects.Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        if (userIds.Count == 0)
        {
            return [];
        }

        return await db.Set<ApplicationUser>()
            .Where(u => userIds.Contains(u.Id) && u.OrganisationId == @case.OrganisationId && !u.IsDisabled && u.Email != null)
            .OrderBy(u => u.Id)
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>> AttorneysForCasesAsync(IReadOnlyCollection<Case> cases,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var organisations = cases.ToDictionary(c => c.Id, c => c.OrganisationId);
        var caseIds = organisations.Keys.ToList();
        var pairs = await db.Set<Assignment>().AsNoTracking()
            .Where(a => caseIds.Contains(a.CaseId) && a.EndedAtUtc == null)
            .Join(db.Set<RepresentativeProfile>(), a => a.RepresentativeId, r => r.Id, (a, r) => new { a.CaseId, r.UserSubject })
            .Distinct()
            .ToListAsync(cancellationToken);
        var parsed = pairs.Select(p => (p.CaseId, UserId: Guid.TryParse(p.UserSubject, out var id) ? id : Guid.Empty))
            .Where(p => p.UserId != Guid.Empty).ToList();
        var userIds = parsed.Select(p => p.UserId).Distinct().ToList();
        if (userIds.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlyList<Guid>>();
        }

        var users = await db.Set<ApplicationUser>().AsNoTracking()
            .Where(u => userIds.Contains(u.Id) && !u.IsDisabled && u.Email != null)
            .Select(u => new { u.Id, u.OrganisationId })
            .ToDictionaryAsync(u => u.Id, u => u.OrganisationId, cancellationToken);
        return parsed
            .Where(p => users.TryGetValue(p.UserId, out var organisation) && organisation == organisations[p.CaseId])
            .GroupBy(p => p.CaseId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)[.. g.Select(p => p.UserId).Distinct().Order()]);
    }

    public async Task<IReadOnlyDictionary<Guid, StaffRecipient>> FindStaffAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.ToList();
        return await db.Set<ApplicationUser>().AsNoTracking()
            .Where(u => ids.Contains(u.Id) && !u.IsDisabled && u.Email != null)
            .Select(u => new StaffRecipient(u.Id, u.Email!, u.DisplayName))
            .ToDictionaryAsync(s => s.UserId, cancellationToken);
    }
}
