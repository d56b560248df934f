namespace CounselConnect.Application.Conflicts.Matching;

/// <summary>
/// One possible match: a score in 0..1 and the reasons behind it, written for a person to read. Reasons never
/// contain names, dates or numbers, so they can be logged and shown without exposing personal data.
/// </summary>
public sealed record ScoredCandidate(Guid PartyId, double Score, IReadOnlyList<string> Reasons);
