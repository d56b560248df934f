using CounselConnect.Domain.People;

namespace CounselConnect.Application.Conflicts.Matching;

/// <summary>The person a conflict check is run for.</summary>
public sealed record ConflictQuery(
    IReadOnlyList<string> GivenNames,
    IReadOnlyList<string> FamilyNames,
    IReadOnlyList<string> Aliases,
    PartialDate? DateOfBirth,
    ANumber? ANumber);
