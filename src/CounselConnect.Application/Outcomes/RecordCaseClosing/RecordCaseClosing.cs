using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Common.Security;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Outcomes;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Outcomes.RecordCaseClosing;

/// <summary>
/// Records (or records again) the outcome of a case: the court outcome, the funder closing code, funding-source
/// tags, the representative and the dates that matter. One closing per case.
/// </summary>
public sealed record RecordCaseClosingCommand(
    Guid CaseId,
    CourtOutcome? Outcome,
    ReliefType? ReliefGranted,
    bool InAbsentia,
    LscClosingCode? ClosingCode,
    IReadOnlyList<string>? FundingSources,
    RepresentativeType? RepresentativeType,
    Guid? AttorneyId,
    string? Nationality,
    DateOnly? CounselAssignedDate,
    DateOnly? FirstHearingWithCounselDate,
    DateOnly? DecisionDate) : ICommand<CaseClosingDto>;

public sealed class RecordCaseClosingHandler(IApplicationDbContext db, ICurrentUser user, IAuditTrail audit, TimeProvider clock,
    IOrganisationUsers organisationUsers, Intake.IntakeAccess access)
    : ICommandHandler<RecordCaseClosingCommand, CaseClosingDto>
{
    public async ValueTask<CaseClosingDto> Handle(RecordCaseClosingCommand command, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        // Program managers record closings on any case of their programme; an attorney only on a case assigned to them now.
        var cases = user.IsInRole(Roles.ProgramManager) ? db.Set<Case>().Where(c => c.OrganisationId == organisationId) : access.VisibleCases();
        var @case = await cases.FirstOrDefaultAsync(c => c.Id == command.CaseId, cancellationToken)
            ?? throw new NotFoundException("Case");
        if (command.AttorneyId is { } attorneyId && !await organisationUsers.IsUserOfAsync(attorneyId, organisationId, cancellationToken))
        {
            throw new ValidationException([new ValidationFailure("attorneyId",
                "The attorney id is not a user of your organisation: give the user id of the representative's account.")]);
        }

        var details = new ClosingDetails(command.Outcome!.Value, command.ReliefGranted, command.InAbsentia, command.ClosingCode,
            command.FundingSources ?? [], command.RepresentativeType, command.AttorneyId, command.Nationality,
            command.CounselAssignedDate, command.FirstHearingWithCounselDate, command.DecisionDate);
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = user.Subject ?? "unknown";
        var closing = await db.Set<CaseClosing>().Include(c => c.FundingSources)
            .FirstOrDefaultAsync(c => c.CaseId == @case.Id, cancellationToken);
        if (closing is null)
        {
            closing = new CaseClosing(@case, details, actor, now);
            db.Set<CaseClosing>().Add(closing);
        }
        else
        {
            closing.Update(@case, details, actor, now);
        }

        audit.Record("case.closing.record", "Case", @case.Id, "outcome");
        await db.SaveChangesAsync(cancellationToken);
        return CaseClosingDto.From(closing);
    }
}
