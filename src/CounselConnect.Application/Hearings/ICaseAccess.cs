using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Intake;
using CounselConnect.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Hearings;

/// <summary>Finds a case the caller may work on, or reports it as not found (ids of other programs' cases reveal nothing).</summary>
public interface ICaseAccess
{
    Task<Case> GetCaseAsync(Guid caseId, CancellationToken cancellationToken);

    /// <summary>Who did it, for history columns: the subject (user id, or client id for integrations).</summary>
    string Actor { get; }
}

/// <summary>
/// Intake staff: their organisation, and their office when they have one (<see cref="IntakeAccess"/>).
/// Attorneys: their organisation.
/// TODO(case assignment): once cases are assigned, an attorney may touch only cases assigned to them; narrow
/// <see cref="GetCaseAsync"/> for the Attorney role here and nowhere else.
/// </summary>
public sealed class CaseAccess(IntakeAccess intakeAccess, ICurrentUser user) : ICaseAccess
{
    public string Actor => user.Subject ?? "unknown";

    public async Task<Case> GetCaseAsync(Guid caseId, CancellationToken cancellationToken) =>
        await intakeAccess.VisibleCases().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken)
            ?? throw new NotFoundException("Case");
}
