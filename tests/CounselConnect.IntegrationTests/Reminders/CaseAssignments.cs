using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Representatives;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Reminders;

/// <summary>
/// Assignments for the reminder tests, saved through the app's own DbContext (so every interceptor runs, as it would for
/// the assignment feature's endpoints). The seeded attorney gets a representative profile on first use.
/// </summary>
public static class CaseAssignments
{
    public static async Task<Guid> UserIdAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<ApplicationUser>().Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>A second enabled user of the case's organisation who can receive reminders.</summary>
    public static async Task<Guid> NewStaffAsync(IServiceProvider services, Guid organisationId)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"attorney-{Guid.NewGuid():N}@example.test";
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = "Blake Barrister", OrganisationId = organisationId };
        var created = await users.CreateAsync(user);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return user.Id;
    }

    /// <summary>Ends the case's current assignment (if any, as a reassignment) and assigns it to <paramref name="userId"/>.</summary>
    public static async Task AssignAsync(IServiceProvider services, Guid caseId, Guid userId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var @case = await db.Set<Case>().SingleAsync(c => c.Id == caseId);
        var now = DateTime.UtcNow;
        var subject = userId.ToString();
        var profile = await db.Set<RepresentativeProfile>().FirstOrDefaultAsync(p => p.UserSubject == subject && p.OrganisationId == @case.OrganisationId);
        if (profile is null)
        {
            profile = new RepresentativeProfile(@case.OrganisationId, subject, now);
            db.Set<RepresentativeProfile>().Add(profile);
        }

        foreach (var current in await db.Set<Assignment>().Where(a => a.CaseId == caseId && a.EndedAtUtc == null).ToListAsync())
        {
            current.End(AssignmentEnd.Reassigned, "tests", "Reassigned by the test", now);
        }

        db.Set<Assignment>().Add(new Assignment(@case.OrganisationId, caseId, profile.Id, AssignmentMethod.AssignedByManager, false, "tests", null, now));
        await db.SaveChangesAsync();
    }
}
