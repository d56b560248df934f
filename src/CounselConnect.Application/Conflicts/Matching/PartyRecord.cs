using CounselConnect.Domain.People;

namespace CounselConnect.Application.Conflicts.Matching;

/// <summary>A person known to the organisation (client, related person, adverse party), as the conflict index holds it.</summary>
public sealed record PartyRecord(
    Guid PartyId,
    IReadOnlyList<string> GivenNames,
    IReadOnlyList<string> FamilyNames,
    IReadOnlyList<string> Aliases,
    PartialDate? DateOfBirth,
    ANumber? ANumber);
