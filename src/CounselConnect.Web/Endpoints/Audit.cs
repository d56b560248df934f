using CounselConnect.Application.Auditing;
using CounselConnect.Application.Auditing.ListAuditEntries;
using CounselConnect.Application.Auditing.VerifyAuditChain;
using CounselConnect.Application.Common;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>The organisation's audit trail for program managers and administrators, and its verification.</summary>
public sealed class Audit : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.AuditReaders).NoStore()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithName("ListAuditEntries").ProducesValidationProblem()
            .WithSummary("Audit entries of your organisation, newest first, filtered by time, actor, action, field category and case (no personal values)");
        group.MapGet("/verification", Verify).WithName("VerifyAuditChain")
            .WithSummary("Recompute your organisation's hash chain and report the first broken link");
    }

    private static async Task<Ok<PagedList<AuditEntryDto>>> List(ISender sender, CancellationToken ct, int page = 1, int pageSize = 50,
        DateTime? from = null, DateTime? to = null, string? actor = null, string? action = null, string? category = null,
        string? caseReference = null, Guid? caseId = null) =>
        TypedResults.Ok(await sender.Send(new ListAuditEntriesQuery(page, pageSize, from, to, actor, action, category, caseReference, caseId), ct));

    private static async Task<Ok<AuditChainReport>> Verify(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new VerifyAuditChainQuery(), ct));
}
