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
/// The cases of <see cref="IntakeAccess.VisibleCases"/>: intake staff their organisation's (their office's when they
/// have one), attorneys only the cases currently assigned to them, integration clients their organisation's.
/// </summary>
public sealed class CaseAccess(IntakeAccess intakeAccess, ICurrentUser user) : ICaseAccess
{
    public string Actor => user.Subject ?? "unknown";

    public async Task<Case> GetCaseAsync(Guid caseId, CancellationToken cancellationToken) =>
        await intakeAccess.VisibleCases().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken)
            ?? throw new NotFoundException("Case");
}
