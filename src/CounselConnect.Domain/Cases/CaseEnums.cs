namespace CounselConnect.Domain.Cases;

/// <summary>How a related person stands to the client (see docs on conflicts of interest).</summary>
public enum Relationship
{
    SpouseOrPartner,
    Child,
    Parent,
    CoRespondent,
    PetitionerOrSponsor,
    AllegedAbuser,
    TraffickerOrEmployer,
    Perpetrator,
    CoDefendant,
    Other,
}

/// <summary>Custody is its own field: the detained docket follows custody and location, not the court.</summary>
public enum CustodyStatus
{
    Detained,
    Released,
    NeverDetained,
}

public enum HearingType
{
    MasterCalendar,
    Individual,
    Bond,
}

/// <summary>Relief a case seeks; a case may seek several.</summary>
public enum ReliefType
{
    Asylum,
    WithholdingOfRemoval,
    ConventionAgainstTorture,
    CancellationPermanentResident,
    CancellationNonPermanentResident,
    VawaCancellation,
    AdjustmentOfStatus,
    SpecialImmigrantJuvenile,
    UVisa,
    TVisa,
    VawaSelfPetition,
    TemporaryProtectedStatus,
    VoluntaryDeparture,
    Termination,
    Bond,
}

/// <summary>The workflow from intake to closing.</summary>
public enum CaseStatus
{
    /// <summary>Recorded at intake; conflict matches await decisions.</summary>
    Intake,

    /// <summary>Intake accepted: the case needs counsel.</summary>
    NeedsCounsel,

    /// <summary>Intake declined (a conflict, or the program cannot take it).</summary>
    Declined,

    Assigned,
    Closed,
}
