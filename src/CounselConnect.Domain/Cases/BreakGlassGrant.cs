using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Cases;

/// <summary>
/// Break-glass access: an administrator may open one client file for a short time, having said why. Administrators
/// manage users and settings and never see client files otherwise. Grants are kept as history (program managers see
/// them) and every use is audited. The reason is a short note for the organisation ("client asked for a copy of the
/// file, attorney unreachable"), not a place for personal data.
/// </summary>
public sealed class BreakGlassGrant : Entity
{
    public const int ReasonMinLength = 20;
    public const int ReasonMaxLength = 500;
    public const int DefaultMinutes = 60;
    public const int MaxMinutes = 240;

    private BreakGlassGrant()
    {
        GrantedTo = string.Empty;
        Reason = string.Empty;
    }

    public BreakGlassGrant(Guid organisationId, Guid caseId, string grantedTo, string reason, int minutes, DateTime nowUtc)
    {
        var trimmed = reason?.Trim() ?? string.Empty;
        CheckRule(trimmed.Length < ReasonMinLength, "BreakGlassReasonRequired",
            $"Say why you need to open this client file (at least {ReasonMinLength} characters).");
        CheckRule(trimmed.Length > ReasonMaxLength, "BreakGlassReasonLength", $"The reason is at most {ReasonMaxLength} characters.");
        CheckRule(minutes < 1 || minutes > MaxMinutes, "BreakGlassDuration", $"Break-glass access lasts 1 to {MaxMinutes} minutes.");
        CheckRule(string.IsNullOrWhiteSpace(grantedTo), "BreakGlassGrantee", "A grant belongs to a person.");
        OrganisationId = organisationId;
        CaseId = caseId;
        GrantedTo = grantedTo;
        Reason = trimmed;
        GrantedAtUtc = nowUtc;
        ExpiresAtUtc = nowUtc.AddMinutes(minutes);
    }

    public Guid OrganisationId { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>The administrator's user id (token subject).</summary>
    public string GrantedTo { get; private set; }

    public string Reason { get; private set; }

    public DateTime GrantedAtUtc { get; private set; }

    public DateTime ExpiresAtUtc { get; private set; }

    public bool IsLiveAt(DateTime nowUtc) => GrantedAtUtc <= nowUtc && nowUtc < ExpiresAtUtc;
}
