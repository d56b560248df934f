using CounselConnect.Application.Matching;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Common;
using CounselConnect.Domain.Representatives;

namespace CounselConnect.UnitTests.Matching;

public sealed class FitScorerTests
{
    private static readonly DateTime Now = RandomInstances.Now;

    private static MatchCase Case(string court = "NYC", CustodyStatus custody = CustodyStatus.Detained, string language = "spa", int hearingInDays = 20) =>
        new(Guid.NewGuid(), court, custody, language, [ReliefType.Asylum], Now.AddDays(hearingInDays));

    private static MatchRepresentative Rep(string[]? courts = null, bool remote = false, bool detained = true, bool nonDetained = false,
        string[]? speaks = null, int max = 3, int active = 0, UnavailablePeriod[]? away = null, bool mayPractise = true) =>
        new(Guid.NewGuid(), mayPractise, (courts ?? ["NYC"]).ToHashSet(StringComparer.OrdinalIgnoreCase), remote, detained, nonDetained,
            (speaks ?? []).ToDictionary(s => s, s => new RepresentativeLanguage(s, true, true, LanguageProficiency.Professional), StringComparer.OrdinalIgnoreCase),
            new Dictionary<ReliefType, ExperienceLevel> { [ReliefType.Asylum] = ExperienceLevel.Expert }, max, active, away ?? []);

    [Fact]
    public void Not_speaking_the_language_is_a_warning_and_a_lower_score_not_a_block()
    {
        var c = Case();
        var speaker = FitScorer.Evaluate(c, Rep(speaks: ["spa"]), false, Now);
        var other = FitScorer.Evaluate(c, Rep(), false, Now);
        Assert.True(other.Feasible);
        Assert.Contains(other.Warnings, w => w.Contains("interpreter", StringComparison.Ordinal));
        Assert.True(speaker.Score > other.Score);
    }

    [Fact]
    public void Each_hard_constraint_blocks_on_its_own()
    {
        var c = Case();
        Assert.True(FitScorer.Evaluate(c, Rep(), false, Now).Feasible);
        Assert.False(FitScorer.Evaluate(c, Rep(), true, Now).Feasible);
        Assert.False(FitScorer.Evaluate(c, Rep(max: 2, active: 2), false, Now).Feasible);
        Assert.False(FitScorer.Evaluate(c, Rep(courts: ["MIA"]), false, Now).Feasible);
        Assert.True(FitScorer.Evaluate(c, Rep(courts: ["MIA"], remote: true), false, Now).Feasible);
        Assert.False(FitScorer.Evaluate(c, Rep(detained: false, nonDetained: true), false, Now).Feasible);
        Assert.False(FitScorer.Evaluate(Case(custody: CustodyStatus.Released), Rep(), false, Now).Feasible);
        Assert.False(FitScorer.Evaluate(c, Rep(mayPractise: false), false, Now).Feasible);
        var away = new UnavailablePeriod(DateOnly.FromDateTime(Now.AddDays(10)), DateOnly.FromDateTime(Now.AddDays(12)), null);
        Assert.False(FitScorer.Evaluate(c, Rep(away: [away]), false, Now).Feasible);
        Assert.True(FitScorer.Evaluate(Case(hearingInDays: 5), Rep(away: [away]), false, Now).Feasible);
    }

    [Fact]
    public void Ranking_filter_agrees_with_hard_constraints_on_random_pairs()
    {
        var random = new Random(11);
        for (var k = 0; k < 5000; k++)
        {
            var c = RandomInstances.Case(random);
            var r = RandomInstances.Representative(random);
            var conflicted = random.Next(10) == 0;
            var fit = FitScorer.Evaluate(c, r, conflicted, Now);
            Assert.Equal(FitScorer.HardConstraintFailures(c, r, conflicted, Now).Count == 0, fit.Feasible);
            if (fit.Feasible)
            {
                Assert.False(conflicted);
                Assert.True(r.CapacityLeft > 0);
                Assert.InRange(fit.Score, 1, FitScorer.MaxScore);
            }
        }
    }

    [Fact]
    public void Pair_scorer_gives_the_same_feasibility_and_score_as_evaluate()
    {
        var random = new Random(12);
        var (cases, reps, conflicts) = RandomInstances.Problem(random, 150, 120, conflictRate: 0.05);
        var scorer = new PairScorer(cases, reps, Now);
        var conflictsOf = Enumerable.Range(0, cases.Count).Select(i => conflicts.Where(x => x.Item1 == i).Select(x => x.Item2).ToList()).ToArray();
        var pairs = scorer.FeasiblePairs(i => conflictsOf[i]).ToDictionary(e => (e.Case, e.Representative), e => e.Score);
        var feasible = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            for (var j = 0; j < reps.Count; j++)
            {
                var fit = FitScorer.Evaluate(cases[i], reps[j], conflicts.Contains((i, j)), Now);
                Assert.Equal(fit.Feasible ? fit.Score : 0, scorer.Score(i, j, conflicts.Contains((i, j))));
                Assert.Equal(fit.Feasible, pairs.TryGetValue((i, j), out var score));
                if (fit.Feasible)
                {
                    Assert.Equal(fit.Score, score);
                    feasible++;
                }
            }
        }

        Assert.InRange(feasible, 1, (cases.Count * reps.Count) - 1);
    }

    [Fact]
    public void Profile_rules_follow_the_kind_of_representative()
    {
        var now = Now;
        var profile = new RepresentativeProfile(Guid.NewGuid(), "user-1", now);
        var details = new RepresentativeDetails("A", RepresentativeKind.Attorney, [], null, null, null, [], ["NYC"], false, true, false, [], 3, 20, [], null);
        Assert.Equal("AttorneyNeedsBarAdmission", Assert.Throws<BusinessRuleException>(() => profile.Update(details, now)).Rule);
        profile.Update(details with { BarAdmissions = [new BarAdmission("NY", "123", true)] }, now);
        Assert.True(profile.MayPractise(DateOnly.FromDateTime(now)));
        var accredited = details with { Kind = RepresentativeKind.AccreditedRepresentative, RecognisedOrganisation = "Org", AccreditationExpiresOn = new DateOnly(2026, 1, 1) };
        profile.Update(accredited, now);
        Assert.False(profile.MayPractise(DateOnly.FromDateTime(now)));
        Assert.Empty(profile.BarAdmissions);
    }

    [Fact]
    public void A_case_moves_to_assigned_and_back_when_counsel_withdraws()
    {
        var c = new Case(Guid.NewGuid(), null, "CC-1", CustodyStatus.Detained, "nyc", null, null, null, [ReliefType.Asylum], "spa", [], true, "t", Now);
        Assert.Equal("CaseNotNeedingCounsel", Assert.Throws<BusinessRuleException>(() => c.AssignCounsel(Now)).Rule);
        c.AcceptIntake(new CounselConnect.Domain.Conflicts.ConflictCheck(c.OrganisationId, c.Id, CounselConnect.Domain.Conflicts.MatchLevel.NoMatch, "t", Now), Now);
        c.AssignCounsel(Now);
        Assert.Equal(CaseStatus.Assigned, c.Status);
        c.WithdrawCounsel(Now);
        Assert.Equal(CaseStatus.NeedsCounsel, c.Status);
    }
}
