using CounselConnect.Domain.Deadlines;

namespace CounselConnect.UnitTests.Deadlines;

public sealed class IndividualHearingHistoryTests
{
    private static readonly DeadlineCalculator Calculator = new();
    private static readonly DeadlineOptions ByHearingDate = new(VersionBasis: RuleVersionBasis.TriggerDate);

    [Theory]
    [InlineData("2019-06-12", 15, "2019-05-28")]
    [InlineData("2021-06-16", 30, "2021-05-17")]
    [InlineData("2023-06-14", 15, "2023-05-30")]
    [InlineData("2025-06-11", 30, "2025-05-12")]
    public void Hearings_in_2019_2021_2023_and_2025_get_15_30_15_and_30_days(string hearing, int days, string due)
    {
        var result = Calculator.Compute(EoirDeadlineRules.IndividualHearingFilingId, D.Of(hearing), D.Of("2030-01-01"), ByHearingDate);

        Assert.NotNull(result);
        Assert.Equal(days, result.Amount);
        Assert.Equal(D.Of(due), result.DueDate);
        Assert.Equal(RuleVersionBasis.TriggerDate, result.VersionBasis);
        Assert.Equal(D.Of(hearing), result.VersionDate);
    }

    [Theory]
    [InlineData("2020-12-22", 15)]
    [InlineData("2020-12-23", 30)]
    [InlineData("2022-08-25", 30)]
    [InlineData("2022-08-26", 15)]
    [InlineData("2025-01-31", 15)]
    [InlineData("2025-02-01", 30)]
    public void Version_boundaries_fall_on_the_documented_dates(string versionDate, int days)
    {
        var rule = Calculator.VersionInForce(EoirDeadlineRules.IndividualHearingFilingId, D.Of(versionDate));

        Assert.NotNull(rule);
        Assert.Equal(days, rule.Amount);
    }

    [Fact]
    public void By_default_the_version_in_force_on_the_calculation_date_applies()
    {
        var hearing = D.Of("2023-06-14");

        var thenComputed = Calculator.Compute(EoirDeadlineRules.IndividualHearingFilingId, hearing, D.Of("2023-04-01"));
        var laterComputed = Calculator.Compute(EoirDeadlineRules.IndividualHearingFilingId, hearing, D.Of("2025-03-01"));

        Assert.NotNull(thenComputed);
        Assert.NotNull(laterComputed);
        Assert.Equal(15, thenComputed.Amount);
        Assert.Equal(30, laterComputed.Amount);
        Assert.Equal(RuleVersionBasis.CalculationDate, laterComputed.VersionBasis);
        Assert.Equal(D.Of("2025-03-01"), laterComputed.VersionDate);
        Assert.Contains("chosen by the calculation date 2025-03-01", laterComputed.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_the_Practice_Manual_took_effect_no_version_applies()
    {
        var result = Calculator.Compute(EoirDeadlineRules.IndividualHearingFilingId, D.Of("2008-03-03"), D.Of("2008-02-01"));

        Assert.Null(result);
        Assert.Empty(Calculator.Compute(DeadlineTrigger.IndividualHearing, D.Of("2008-03-03"), D.Of("2008-02-01")));
    }

    [Fact]
    public void The_uncertain_2025_boundary_is_flagged_on_the_computed_deadline()
    {
        var result = Calculator.Compute(EoirDeadlineRules.IndividualHearingFilingId, D.Of("2025-06-11"), D.Of("2025-04-01"));

        Assert.NotNull(result);
        Assert.Contains("unconfirmed", result.Note, StringComparison.Ordinal);
        Assert.Equal(D.Of("2025-02-01"), result.RuleEffectiveFrom);
        Assert.Null(result.RuleEffectiveTo);
    }
}
