using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Conflicts;

namespace CounselConnect.Web.Pages.Intake;

/// <summary>Words for people, not enum names.</summary>
public sealed class Labels
{
    private Labels()
    {
    }

    public static string Status(CaseStatus status) => status switch
    {
        CaseStatus.Intake => "Conflict review",
        CaseStatus.NeedsCounsel => "Needs counsel",
        CaseStatus.Declined => "Declined",
        CaseStatus.Assigned => "Counsel assigned",
        CaseStatus.Closed => "Closed",
        _ => status.ToString(),
    };

    public static string Custody(CustodyStatus custody) => custody switch
    {
        CustodyStatus.Detained => "Detained",
        CustodyStatus.Released => "Released",
        CustodyStatus.NeverDetained => "Never detained",
        _ => custody.ToString(),
    };

    public static string Relationship(Relationship relationship) => relationship switch
    {
        Domain.Cases.Relationship.SpouseOrPartner => "Spouse or partner",
        Domain.Cases.Relationship.CoRespondent => "Co-respondent or rider",
        Domain.Cases.Relationship.PetitionerOrSponsor => "Petitioner or sponsor",
        Domain.Cases.Relationship.AllegedAbuser => "Alleged abuser",
        Domain.Cases.Relationship.TraffickerOrEmployer => "Trafficker or employer",
        Domain.Cases.Relationship.CoDefendant => "Co-defendant",
        Domain.Cases.Relationship.Child => "Child",
        Domain.Cases.Relationship.Parent => "Parent",
        Domain.Cases.Relationship.Perpetrator => "Perpetrator",
        Domain.Cases.Relationship.Other => "Other",
        _ => relationship.ToString(),
    };

    /// <summary>
    /// A party's stored role: "client", or a relationship in snake case as intake stores it (<c>spouse_or_partner</c>).
    /// A role from an imported file that is neither is shown as it was written.
    /// </summary>
    public static string Role(string role) =>
        role == "client" ? "Client"
        : Enum.TryParse<Relationship>(role.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var relationship)
            && Enum.IsDefined(relationship) && !int.TryParse(role, out _)
            ? Relationship(relationship)
            : role.Replace('_', ' ');

    public static string Relief(ReliefType relief) => relief switch
    {
        ReliefType.Asylum => "Asylum",
        ReliefType.WithholdingOfRemoval => "Withholding of removal",
        ReliefType.ConventionAgainstTorture => "Convention Against Torture",
        ReliefType.CancellationPermanentResident => "Cancellation (permanent resident)",
        ReliefType.CancellationNonPermanentResident => "Cancellation (non-permanent resident)",
        ReliefType.VawaCancellation => "VAWA cancellation",
        ReliefType.AdjustmentOfStatus => "Adjustment of status",
        ReliefType.SpecialImmigrantJuvenile => "Special Immigrant Juvenile status",
        ReliefType.UVisa => "U visa",
        ReliefType.TVisa => "T visa",
        ReliefType.VawaSelfPetition => "VAWA self-petition",
        ReliefType.TemporaryProtectedStatus => "Temporary Protected Status",
        ReliefType.VoluntaryDeparture => "Voluntary departure",
        ReliefType.Termination => "Termination or dismissal",
        ReliefType.Bond => "Bond",
        _ => relief.ToString(),
    };

    public static string Level(MatchLevel level) => level switch
    {
        MatchLevel.Likely => "Likely the same person",
        MatchLevel.Potential => "Possibly the same person",
        _ => "No match",
    };

    public static string Decision(MatchDecision decision) => decision switch
    {
        MatchDecision.NoConflict => "No conflict",
        MatchDecision.Conflict => "Conflict",
        MatchDecision.Waived => "Waived (informed consent)",
        _ => "Awaiting decision",
    };
}
