using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Common;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.Outcomes;

namespace CounselConnect.UnitTests.Outcomes;

public sealed class CaseClosingTests
{
    private static readonly DateTime IntakeAt = new(2025, 3, 10, 15, 0, 0, DateTimeKind.Utc);

    private static Case AcceptedCase()
    {
        var org = Guid.NewGuid();
        var c = new Case(org, null, "CC-TEST-1", CustodyStatus.Detained, "nyc", null, null, null,
            [ReliefType.Asylum, ReliefType.WithholdingOfRemoval], "SPA", [], false, "tester", IntakeAt);
        c.AcceptIntake(new ConflictCheck(org, c.Id, MatchLevel.NoMatch, "system", IntakeAt), IntakeAt);
        return c;
    }

    private static ClosingDetails Details(CourtOutcome outcome = CourtOutcome.ReliefGranted, ReliefType? relief = ReliefType.Asylum,
        bool inAbsentia = false, DateOnly? decision = null, DateOnly? assigned = null, RepresentativeType? rep = RepresentativeType.ProBono) =>
        new(outcome, relief, inAbsentia, LscClosingCode.IB, [" LSC ", "city", "lsc"], rep, rep is null ? null : Guid.NewGuid(), "gt",
            rep is null ? null : assigned ?? new DateOnly(2025, 3, 24), null, decision ?? new DateOnly(2025, 9, 1));

    [Fact]
    public void Closing_copies_the_reporting_dimensions_and_computes_days_to_counsel_and_the_TRAC_group()
    {
        var closing = new CaseClosing(AcceptedCase(), Details(), "attorney-1", IntakeAt.AddMonths(6));

        Assert.Equal(new DateOnly(2025, 3, 10), closing.IntakeDate);
        Assert.Equal(14, closing.DaysToCounsel);
        Assert.Equal(OutcomeGroup.AllowedToStay, closing.OutcomeGroup);
        Assert.Equal(CustodyStatus.Detained, closing.Custody);
        Assert.Equal("NYC", closing.CourtCode);
        Assert.Equal("spa", closing.PrimaryLanguage);
        Assert.Equal(ReliefType.Asylum, closing.PrimaryReliefSought);
        Assert.Equal("GT", closing.Nationality);
        Assert.Equal(["city", "lsc"], closing.FundingSources.Select(f => f.Tag).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Funding_tags_carry_the_closings_organisation_code_and_decision_date_and_follow_a_new_recording()
    {
        var @case = AcceptedCase();
        var closing = new CaseClosing(@case, new ClosingDetails(CourtOutcome.Pending, null, false, null, ["city", "lsc"],
            null, null, null, null, null, null), "a", IntakeAt);
        Assert.All(closing.FundingSources, f =>
        {
            Assert.Equal(@case.OrganisationId, f.OrganisationId);
            Assert.Null(f.ClosingCode);
            Assert.Null(f.DecisionDate);
        });

        closing.Update(@case, Details(decision: new DateOnly(2025, 8, 1)) with { FundingSources = ["city", "vera"] }, "b", IntakeAt.AddMonths(5));

        Assert.Equal(["city", "vera"], closing.FundingSources.Select(f => f.Tag).Order(StringComparer.Ordinal));
        Assert.All(closing.FundingSources, f =>
        {
            Assert.Equal(@case.OrganisationId, f.OrganisationId);
            Assert.Equal(LscClosingCode.IB, f.ClosingCode);
            Assert.Equal(new DateOnly(2025, 8, 1), f.DecisionDate);
        });
    }

    [Theory]
    [InlineData(CourtOutcome.ReliefGranted, OutcomeGroup.AllowedToStay)]
    [InlineData(CourtOutcome.Terminated, OutcomeGroup.AllowedToStay)]
    [InlineData(CourtOutcome.RemovalOrdered, OutcomeGroup.OrderedToLeave)]
    [InlineData(CourtOutcome.VoluntaryDeparture, OutcomeGroup.OrderedToLeave)]
    [InlineData(CourtOutcome.Dismissed, OutcomeGroup.OtherDecided)]
    [InlineData(CourtOutcome.AdministrativelyClosed, OutcomeGroup.OtherDecided)]
    [InlineData(CourtOutcome.OtherClosure, OutcomeGroup.OtherDecided)]
    [InlineData(CourtOutcome.Pending, OutcomeGroup.Pending)]
    public void Outcomes_fall_into_TRAC_groups(CourtOutcome outcome, OutcomeGroup group) =>
        Assert.Equal(group, CourtOutcomes.GroupOf(outcome));

    [Fact]
    public void In_absentia_applies_only_to_a_removal_order()
    {
        var ex = Assert.Throws<BusinessRuleException>(() =>
            new CaseClosing(AcceptedCase(), Details(inAbsentia: true), "a", IntakeAt));
        Assert.Equal("InAbsentiaOnlyWithRemoval", ex.Rule);

        var removal = new CaseClosing(AcceptedCase(), Details(CourtOutcome.RemovalOrdered, relief: null, inAbsentia: true, rep: null), "a", IntakeAt);
        Assert.True(removal.InAbsentia);
        Assert.Null(removal.DaysToCounsel);
    }

    [Fact]
    public void Relief_granted_needs_the_relief_type_and_only_a_grant_has_one()
    {
        Assert.Equal("ReliefTypeRequired", Assert.Throws<BusinessRuleException>(() =>
            new CaseClosing(AcceptedCase(), Details(relief: null), "a", IntakeAt)).Rule);
        Assert.Equal("ReliefTypeOnlyWithGrant", Assert.Throws<BusinessRuleException>(() =>
            new CaseClosing(AcceptedCase(), Details(CourtOutcome.Terminated, ReliefType.Asylum), "a", IntakeAt)).Rule);
    }

    [Fact]
    public void Dates_cannot_come_before_the_intake()
    {
        Assert.Equal("DecisionNotBeforeIntake", Assert.Throws<BusinessRuleException>(() =>
            new CaseClosing(AcceptedCase(), Details(decision: new DateOnly(2025, 3, 9)), "a", IntakeAt)).Rule);
        Assert.Equal("CounselNotBeforeIntake", Assert.Throws<BusinessRuleException>(() =>
            new CaseClosing(AcceptedCase(), Details(assigned: new DateOnly(2025, 1, 1)), "a", IntakeAt)).Rule);
    }

    [Fact]
    public void A_case_still_at_intake_cannot_be_closed()
    {
        var c = new Case(Guid.NewGuid(), null, "CC-TEST-2", CustodyStatus.Released, "NYC", null, null, null, [], "spa", [], false, "t", IntakeAt);
        Assert.Equal("CaseNotAccepted", Assert.Throws<BusinessRuleException>(() => new CaseClosing(c, Details(), "a", IntakeAt)).Rule);
    }

    [Fact]
    public void Recording_again_replaces_the_outcome_and_the_funding_tags()
    {
        var c = AcceptedCase();
        var closing = new CaseClosing(c, Details(CourtOutcome.Pending, relief: null) with { DecisionDate = null }, "a", IntakeAt);
        Assert.Equal(OutcomeGroup.Pending, closing.OutcomeGroup);

        closing.Update(c, Details(CourtOutcome.VoluntaryDeparture, relief: null) with { FundingSources = ["vera-safe"] }, "b", IntakeAt.AddDays(200));

        Assert.Equal(OutcomeGroup.OrderedToLeave, closing.OutcomeGroup);
        Assert.Equal(["vera-safe"], closing.FundingSources.Select(f => f.Tag));
        Assert.Equal("b", closing.RecordedBy);
    }
}
