using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Auditing;
using CounselConnect.Domain.Cases;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Infrastructure.Auditing;

/// <summary>
/// Adds audit entries to the current unit of work. The route is the pattern (no ids or values). Entries about a case
/// protected under 8 U.S.C. 1367 carry the category prefixed with <see cref="ProtectedCategoryPrefix"/>, so every
/// touch of such a file can be listed apart.
/// </summary>
public sealed class AuditTrail(AppDbContext db, ICurrentUser user, IHttpContextAccessor http, TimeProvider clock) : IAuditTrail
{
    public const string ProtectedCategoryPrefix = "1367:";

    public void Record(string action, string entityType, Guid? entityId, string fieldCategory)
    {
        var route = (http.HttpContext?.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(background)";
        if (entityType == "Case" && entityId is { } caseId && IsProtectedCase(caseId))
        {
            fieldCategory = ProtectedCategoryPrefix + fieldCategory;
        }

        db.Set<AuditEntry>().Add(new AuditEntry(user.OrganisationId ?? AuditEntry.SystemChain, user.Subject ?? "system", action, entityType, entityId, fieldCategory, route,
            clock.GetUtcNow().UtcDateTime));
    }

    private bool IsProtectedCase(Guid caseId)
    {
        var tracked = db.ChangeTracker.Entries<Case>().FirstOrDefault(e => e.Entity.Id == caseId);
        if (tracked is not null)
        {
            // A case whose protection is being lifted in this unit of work still counts: the change is about a protected file.
            var original = tracked.State == EntityState.Added ? CaseProtection.None : tracked.OriginalValues.GetValue<CaseProtection>(nameof(Case.Protection));
            return tracked.Entity.IsProtected || original != CaseProtection.None;
        }

        return db.Set<Case>().AsNoTracking().Any(c => c.Id == caseId && c.Protection != CaseProtection.None);
    }
}
