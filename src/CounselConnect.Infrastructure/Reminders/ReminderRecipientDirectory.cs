using CounselConnect.Application.Common.Security;
using CounselConnect.Application.Reminders;
using CounselConnect.Domain.Cases;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Infrastructure.Reminders;

/// <summary>Staff recipients from the Identity users.</summary>
public sealed class ReminderRecipientDirectory(AppDbContext db) : IReminderRecipientDirectory
{
    /// <summary>TODO(case assignment): the case's assigned attorneys. For now: enabled attorneys of the case's organisation.</summary>
    public async Task<IReadOnlyList<Guid>> AttorneysForCaseAsync(Case @case, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var roleId = await db.Set<IdentityRole<Guid>>().Where(r => r.Name == Roles.Attorney).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return await db.Set<ApplicationUser>()
            .Where(u => u.OrganisationId == @case.OrganisationId && !u.IsDisabled && u.Email != null)
            .Where(u => db.Set<IdentityUserRole<Guid>>().Any(ur => ur.UserId == u.Id && ur.RoleId == roleId))
            .OrderBy(u => u.Id)
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
    }

    public async Task<StaffRecipient?> FindStaffAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Set<ApplicationUser>().AsNoTracking()
            .Where(u => u.Id == userId && !u.IsDisabled && u.Email != null)
            .Select(u => new StaffRecipient(u.Id, u.Email!, u.DisplayName))
            .FirstOrDefaultAsync(cancellationToken);
}
