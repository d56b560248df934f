using CounselConnect.Application.Matching;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Representatives;

namespace CounselConnect.UnitTests.Matching;

/// <summary>Random cases and representatives over a few courts, languages and reliefs, for property tests and benchmarks.</summary>
public static class RandomInstances
{
    public static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
    private static readonly string[] CourtCodes = ["NYC", "NEW", "ELZ", "MIA", "LOS", "SFR", "HOU", "CHI"];
    private static readonly string[] LanguageCodes = ["spa", "por", "hat", "cmn", "pan", "eng", "mam"];
    private static readonly ReliefType[] Reliefs = Enum.GetValues<ReliefType>();

    public static MatchCase Case(Random random) => new(
        Guid.NewGuid(),
        CourtCodes[random.Next(CourtCodes.Length)],
        (CustodyStatus)random.Next(3),
        LanguageCodes[random.Next(LanguageCodes.Length)],
        [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => Reliefs[random.Next(Reliefs.Length)]).Distinct()],
        random.Next(5) == 0 ? null : Now.AddDays(random.Next(0, 120)));

    public static MatchRepresentative Representative(Random random, int maxCapacity = 4)
    {
        var detained = random.Next(3) != 0;
        var max = random.Next(0, maxCapacity + 1);
        var unavailable = random.Next(6) == 0
            ? new List<UnavailablePeriod> { new(DateOnly.FromDateTime(Now.AddDays(random.Next(0, 90))), DateOnly.FromDateTime(Now.AddDays(random.Next(90, 120))), null) }
            : [];
        return new MatchRepresentative(
            Guid.NewGuid(),
            random.Next(10) != 0,
            CourtCodes.Where(_ => random.Next(4) == 0).ToHashSet(StringComparer.OrdinalIgnoreCase),
            random.Next(4) == 0,
            detained,
            !detained || random.Next(2) == 0,
            LanguageCodes.Where(_ => random.Next(3) == 0)
                .ToDictionary(c => c, c => new RepresentativeLanguage(c, true, random.Next(2) == 0, (LanguageProficiency)random.Next(4)), StringComparer.OrdinalIgnoreCase),
            Reliefs.Where(_ => random.Next(3) == 0).ToDictionary(r => r, _ => (ExperienceLevel)random.Next(4)),
            max,
            random.Next(0, max + 1),
            unavailable);
    }

    /// <summary>Scores every pair with <see cref="FitScorer.Evaluate"/>; conflicts are drawn at random (the conflict engine is tested on its own).</summary>
    public static (List<MatchCase> Cases, List<MatchRepresentative> Reps, HashSet<(int, int)> Conflicts, List<PlacementEdge> Edges) Instance(
        Random random, int cases, int reps, int maxCapacity = 4, double conflictRate = 0.05)
    {
        var (caseList, repList, conflicts) = Problem(random, cases, reps, maxCapacity, conflictRate);
        var edges = new List<PlacementEdge>();
        for (var i = 0; i < cases; i++)
        {
            for (var j = 0; j < reps; j++)
            {
                var fit = FitScorer.Evaluate(caseList[i], repList[j], conflicts.Contains((i, j)), Now);
                if (fit.Feasible)
                {
                    edges.Add(new PlacementEdge(i, j, fit.Score));
                }
            }
        }

        return (caseList, repList, conflicts, edges);
    }

    /// <summary>Random cases, representatives and conflicting pairs, not scored.</summary>
    public static (List<MatchCase> Cases, List<MatchRepresentative> Reps, HashSet<(int, int)> Conflicts) Problem(
        Random random, int cases, int reps, int maxCapacity = 4, double conflictRate = 0.05)
    {
        ArgumentNullException.ThrowIfNull(random);
        var caseList = Enumerable.Range(0, cases).Select(_ => Case(random)).ToList();
        var repList = Enumerable.Range(0, reps).Select(_ => Representative(random, maxCapacity)).ToList();
        var conflicts = new HashSet<(int, int)>();
        for (var i = 0; i < cases; i++)
        {
            for (var j = 0; j < reps; j++)
            {
                if (random.NextDouble() < conflictRate)
                {
                    conflicts.Add((i, j));
                }
            }
        }

        return (caseList, repList, conflicts);
    }
}
