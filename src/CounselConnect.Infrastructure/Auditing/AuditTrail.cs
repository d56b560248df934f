using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Auditing;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CounselConnect.Infrastructure.Auditing;

/// <summary>Adds audit entries to the current unit of work. The route is the pattern (no ids or values).</summary>
public sealed class AuditTrail(AppDbContext db, ICurrentUser user, IHttpContextAccessor http, TimeProvider clock) : IAuditTrail
{
    public void Record(string action, string entityType, Guid? entityId, string fieldCategory)
    {
        var route = (http.HttpContext?.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(background)";
        db.Set<AuditEntry>().Add(new AuditEntry(user.OrganisationId ?? AuditEntry.SystemChain, user.Subject ?? "system", action, entityType, entityId, fieldCategory, route,
            clock.GetUtcNow().UtcDateTime));
    }
}
