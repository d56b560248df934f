using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Reminders;
using CounselConnect.Application.Representatives;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Hearings;
using Mediator;
using Microsoft.Extensions.Options;

namespace CounselConnect.Application.Attorney.ListMyCases;

/// <summary>
/// "My cases": the cases assigned to the signed-in representative now, soonest hearing first, each with its next
/// hearing and next deadline. References only, no names (the full file is one click away and audited there).
/// </summary>
public sealed record ListMyCasesQuery : IQuery<IReadOnlyList<MyCaseDto>>;

public sealed record MyCaseDto(
    Guid CaseId,
    string Reference,
    CaseStatus Status,
    CustodyStatus Custody,
    string CourtCode,
    IReadOnlyList<ReliefType> ReliefSought,
    DateTime AssignedAtUtc,
    UpcomingHearingDto? NextHearing,
    UpcomingDeadlineDto? NextDeadline,
    int UpcomingDeadlines);

/// <summary>A scheduled hearing, with the wall-clock time at the court.</summary>
public sealed record UpcomingHearingDto(Guid Id, HearingType Type, DateTime ScheduledAtUtc, DateTime LocalDateTime, string TimeZone, string? Location,
    AppearanceMode Appearance);

/// <summary>A deadline and the rule that produced it.</summary>
public sealed record UpcomingDeadlineDto(DateOnly DueDate, string RuleId, string RuleName, string Source, string Explanation);

public sealed class ListMyCasesHandler(RepresentativeAccess representatives, IApplicationDbContext db, TimeProvider clock,
    IOptions<ReminderOptions> options) : IQueryHandler<ListMyCasesQuery, IReadOnlyList<MyCaseDto>>
{
    public async ValueTask<IReadOnlyList<MyCaseDto>> Handle(ListMyCasesQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var caseload = await MyCaseload.LoadMineAsync(representatives, db, now, options.Value.DefaultTimeZone, cancellationToken);
        return [.. caseload.Select(e =>
            {
                var hearing = e.Hearings.FirstOrDefault(h => h.ScheduledAtUtc >= now);
                var upcoming = e.Deadlines.Where(d => d.Deadline.DueDate >= today).ToList();
                var deadline = upcoming.FirstOrDefault()?.Deadline;
                return new MyCaseDto(e.Case.Id, e.Case.Reference, e.Case.Status, e.Case.Custody, e.Case.CourtCode, e.Case.ReliefSought,
                    e.AssignedAtUtc, hearing is null ? null : ToDto(hearing),
                    deadline is null ? null : new UpcomingDeadlineDto(deadline.DueDate, deadline.RuleId, deadline.RuleName, deadline.Source, deadline.Explanation),
                    upcoming.Count);
            })
            .OrderBy(c => c.NextHearing is null)
            .ThenBy(c => c.NextHearing?.ScheduledAtUtc)
            .ThenBy(c => c.Reference, StringComparer.Ordinal)];
    }

    public static UpcomingHearingDto ToDto(Hearing h) => new(h.Id, h.Type, h.ScheduledAtUtc, h.LocalTime, h.TimeZoneId, h.Location, h.Appearance);
}
