using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Reminders;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CounselConnect.Application.Hearings.GetCaseDeadlines;

/// <summary>The case's deadlines with the rule, source and roll explanation that produced each.</summary>
public sealed record GetCaseDeadlinesQuery(Guid CaseId) : IQuery<CaseDeadlinesDto>;

public sealed record CaseDeadlinesDto(Guid CaseId, IReadOnlyList<CaseDeadlineDto> Deadlines, IReadOnlyList<Guid> HearingsWithJudgeSetDeadlines);

public sealed record CaseDeadlineDto(Guid? HearingId, Guid? JudgeSetDeadlineId, ComputedDeadline Deadline);

public sealed class GetCaseDeadlinesHandler(ICaseAccess access, IApplicationDbContext db, IAuditTrail audit, TimeProvider clock,
    IOptions<ReminderOptions> options) : IQueryHandler<GetCaseDeadlinesQuery, CaseDeadlinesDto>
{
    public async ValueTask<CaseDeadlinesDto> Handle(GetCaseDeadlinesQuery query, CancellationToken cancellationToken)
    {
        var @case = await access.GetCaseAsync(query.CaseId, cancellationToken);
        var hearings = await db.Set<Hearing>().AsNoTracking().Where(h => h.CaseId == @case.Id && h.Status == HearingStatus.Scheduled)
            .ToListAsync(cancellationToken);
        var judgeSet = await db.Set<JudgeSetDeadline>().AsNoTracking().Where(d => d.CaseId == @case.Id).ToListAsync(cancellationToken);
        var deadlines = CaseDeadlines.Compute(@case, hearings, judgeSet, clock.GetUtcNow().UtcDateTime, options.Value.DefaultTimeZone);
        audit.Record("deadlines.read", "Case", @case.Id, "proceedings");
        await db.SaveChangesAsync(cancellationToken);
        return new CaseDeadlinesDto(@case.Id,
            [.. deadlines.Select(d => new CaseDeadlineDto(d.HearingId, d.JudgeSetDeadlineId, d.Deadline))],
            [.. hearings.Where(h => CaseDeadlines.SetByJudge(@case, h)).Select(h => h.Id)]);
    }
}
