using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Domain.Cases;
using Mediator;

namespace CounselConnect.Application.Conflicts.RunConflictCheck;

/// <summary>
/// Phone screening: checks a person (and the people around them) against every party the program has recorded.
/// Stores nothing about the person checked beyond an audit entry.
/// </summary>
public sealed record RunConflictCheckCommand : PersonInput, ICommand<ConflictCheckResponse>
{
    public IReadOnlyList<RelatedPersonInput> RelatedParties { get; init; } = [];
}

public sealed record RelatedPersonInput : PersonInput
{
    public Relationship? Relationship { get; init; }
}

public sealed record ConflictCheckResponse(
    ConflictOutcome Outcome,
    IReadOnlyList<ConflictCheckMatch> Matches);

public sealed record ConflictCheckMatch(
    Guid PartyId,
    string? ExternalId,
    string? CaseReference,
    string Role,
    string MatchedFor,
    double Score,
    IReadOnlyList<string> Reasons);

public sealed class RunConflictCheckHandler(ConflictScreening screening, ICurrentUser user, IAuditTrail audit, IApplicationDbContext db)
    : ICommandHandler<RunConflictCheckCommand, ConflictCheckResponse>
{
    public async ValueTask<ConflictCheckResponse> Handle(RunConflictCheckCommand command, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        var result = await screening.ScreenAsync(organisationId, command, command.RelatedParties, cancellationToken);
        audit.Record("conflict_check.adhoc", "ConflictCheck", null, "identity");
        await db.SaveChangesAsync(cancellationToken);
        // 8 U.S.C. 1367: a protected party's match counts for the outcome but shows no details (the screening read
        // each matched party's protection with the party itself).
        return new ConflictCheckResponse(
            result.Outcome,
            [.. result.Matches.Select(m => m.Protected
                ? new ConflictCheckMatch(Guid.Empty, null, null, "protected", m.MatchedFor, m.Score, [Intake.IntakeAccess.ProtectedMatchNotice])
                : new ConflictCheckMatch(m.PartyId, m.ExternalId, m.CaseReference, m.Role, m.MatchedFor, m.Score, m.Reasons))]);
    }
}
