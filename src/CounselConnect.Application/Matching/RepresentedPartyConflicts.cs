using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Domain.People;

namespace CounselConnect.Application.Matching;

/// <summary>
/// The conflict hard constraint: a representative may not take a case when any of its parties resembles (at or
/// above the organisation's "potential" threshold) a party of any case they represent or have represented. Built
/// once per request over the parties of every case with an assignment, using the conflict engine's index.
/// </summary>
public sealed class RepresentedPartyConflicts : IDisposable
{
    private const int CandidatesPerParty = 50;
    private readonly ConflictIndex _index = new();
    private readonly Dictionary<Guid, List<(Guid RepresentativeId, Guid CaseId)>> _holders = [];
    private readonly double _threshold;
    private readonly MatchThresholds _thresholds;

    public RepresentedPartyConflicts(IEnumerable<(Guid RepresentativeId, Guid CaseId, Party Party)> represented, double threshold)
    {
        ArgumentNullException.ThrowIfNull(represented);
        _threshold = threshold;
        // Scored for the organisation's potential threshold, so an uncontradicted identical full name reaches it.
        _thresholds = new MatchThresholds(threshold, Math.Max(threshold, MatchThresholds.Default.Likely));
        foreach (var (representativeId, caseId, party) in represented)
        {
            if (!_holders.TryGetValue(party.Id, out var holders))
            {
                holders = [];
                _holders[party.Id] = holders;
                _index.Upsert(ToRecord(party));
            }

            if (!holders.Contains((representativeId, caseId)))
            {
                holders.Add((representativeId, caseId));
            }
        }
    }

    /// <summary>Representatives with a possible conflict with any of <paramref name="caseParties"/> (the case itself excluded).</summary>
    public HashSet<Guid> ConflictedRepresentatives(Guid caseId, IEnumerable<Party> caseParties)
    {
        ArgumentNullException.ThrowIfNull(caseParties);
        var conflicted = new HashSet<Guid>();
        if (_holders.Count == 0)
        {
            return conflicted;
        }

        foreach (var party in caseParties)
        {
            var query = new ConflictQuery(Given(party), party.FamilyNames, party.Aliases, party.DateOfBirth, party.ANumber);
            foreach (var candidate in _index.Search(query, CandidatesPerParty, _thresholds))
            {
                if (candidate.Score < _threshold || !_holders.TryGetValue(candidate.PartyId, out var holders))
                {
                    continue;
                }

                foreach (var (representativeId, otherCaseId) in holders)
                {
                    if (otherCaseId != caseId)
                    {
                        conflicted.Add(representativeId);
                    }
                }
            }
        }

        return conflicted;
    }

    public void Dispose() => _index.Dispose();

    private static PartyRecord ToRecord(Party p) => new(p.Id, Given(p), p.FamilyNames, p.Aliases, p.DateOfBirth, p.ANumber);

    private static string[] Given(Party p) => p.GivenNames.Length == 0 ? [] : [p.GivenNames];
}
