namespace CounselConnect.Domain.Outcomes;

/// <summary>The court outcome, in the categories TRAC and EOIR data use.</summary>
public enum CourtOutcome
{
    ReliefGranted,
    RemovalOrdered,
    VoluntaryDeparture,
    Terminated,
    Dismissed,
    AdministrativelyClosed,

    /// <summary>Change of venue, transfer and the like.</summary>
    OtherClosure,

    /// <summary>No decision yet.</summary>
    Pending,
}

/// <summary>TRAC's grouping of court outcomes.</summary>
public enum OutcomeGroup
{
    /// <summary>Relief granted or proceedings terminated.</summary>
    AllowedToStay,

    /// <summary>Removal ordered or voluntary departure.</summary>
    OrderedToLeave,

    /// <summary>Dismissed, administratively closed or other closure: decided, but in neither TRAC group.</summary>
    OtherDecided,

    Pending,
}

/// <summary>Who represented the client.</summary>
public enum RepresentativeType
{
    Staff,
    ProBono,

    /// <summary>A DOJ-accredited representative.</summary>
    Accredited,
}

/// <summary>LSC case closing codes, for programs that report to LSC (kept apart from the court outcome).</summary>
public enum LscClosingCode
{
    /// <summary>Counsel and advice.</summary>
    A,

    /// <summary>Limited action.</summary>
    B,

    /// <summary>Negotiated settlement without litigation.</summary>
    F,

    /// <summary>Negotiated settlement with litigation.</summary>
    G,

    /// <summary>Administrative agency decision.</summary>
    H,

    /// <summary>Uncontested court decision.</summary>
    IA,

    /// <summary>Contested court decision.</summary>
    IB,

    /// <summary>Appeals.</summary>
    IC,

    /// <summary>Other.</summary>
    K,

    /// <summary>Extensive service.</summary>
    L,
}

public static class CourtOutcomes
{
    /// <summary>TRAC: relief granted + terminated = allowed to stay; removal + voluntary departure = ordered to leave.</summary>
    public static OutcomeGroup GroupOf(CourtOutcome outcome) => outcome switch
    {
        CourtOutcome.ReliefGranted or CourtOutcome.Terminated => OutcomeGroup.AllowedToStay,
        CourtOutcome.RemovalOrdered or CourtOutcome.VoluntaryDeparture => OutcomeGroup.OrderedToLeave,
        CourtOutcome.Pending => OutcomeGroup.Pending,
        _ => OutcomeGroup.OtherDecided,
    };
}
