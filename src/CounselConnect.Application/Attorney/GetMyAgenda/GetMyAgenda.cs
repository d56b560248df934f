using CounselConnect.Application.Attorney.ListMyCases;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Reminders;
using CounselConnect.Application.Representatives;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace CounselConnect.Application.Attorney.GetMyAgenda;

/// <summary>
/// The signed-in representative's hearings and deadlines between two dates (inclusive, court-local dates), for the
/// calendar page. Only cases assigned to them now; references only, no names.
/// </summary>
public sealed record GetMyAgendaQuery(DateOnly From, DateOnly To) : IQuery<IReadOnlyList<AgendaItemDto>>;

public enum AgendaItemKind
{
    Hearing,
    Deadline,
}

/// <summary>One entry of the agenda: a hearing (with its court-local time) or a deadline (with the rule behind it).</summary>
public sealed record AgendaItemDto(
    DateOnly Date,
    AgendaItemKind Kind,
    Guid CaseId,
    string CaseReference,
    UpcomingHearingDto? Hearing,
    UpcomingDeadlineDto? Deadline);

public sealed class GetMyAgendaValidator : AbstractValidator<GetMyAgendaQuery>
{
    public const int MaxDays = 62;

    public GetMyAgendaValidator()
    {
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).WithMessage("The end date must be on or after the start date.");
        RuleFor(q => q).Must(q => q.To.DayNumber - q.From.DayNumber < MaxDays).WithName("To")
            .WithMessage($"Ask for at most {MaxDays} days at a time.");
    }
}

public sealed class GetMyAgendaHandler(RepresentativeAccess representatives, IApplicationDbContext db, TimeProvider clock,
    IOptions<ReminderOptions> options) : IQueryHandler<GetMyAgendaQuery, IReadOnlyList<AgendaItemDto>>
{
    public async ValueTask<IReadOnlyList<AgendaItemDto>> Handle(GetMyAgendaQuery query, CancellationToken cancellationToken)
    {
        var caseload = await MyCaseload.LoadMineAsync(representatives, db, clock.GetUtcNow().UtcDateTime, options.Value.DefaultTimeZone,
            cancellationToken);
        var items = new List<AgendaItemDto>();
        foreach (var entry in caseload)
        {
            foreach (var hearing in entry.Hearings)
            {
                var dto = ListMyCasesHandler.ToDto(hearing);
                items.Add(new AgendaItemDto(DateOnly.FromDateTime(dto.LocalDateTime), AgendaItemKind.Hearing, entry.Case.Id, entry.Case.Reference, dto, null));
            }

            foreach (var d in entry.Deadlines.Select(d => d.Deadline))
            {
                items.Add(new AgendaItemDto(d.DueDate, AgendaItemKind.Deadline, entry.Case.Id, entry.Case.Reference, null,
                    new UpcomingDeadlineDto(d.DueDate, d.RuleId, d.RuleName, d.Source, d.Explanation)));
            }
        }

        return [.. items.Where(i => i.Date >= query.From && i.Date <= query.To)
            .OrderBy(i => i.Date)
            .ThenBy(i => i.Kind)
            .ThenBy(i => i.Hearing?.LocalDateTime)
            .ThenBy(i => i.CaseReference, StringComparer.Ordinal)];
    }
}
