using CounselConnect.Domain.Deadlines;

namespace CounselConnect.UnitTests.Deadlines;

public sealed class DeadlineRuleCatalogTests
{
    [Fact]
    public void Every_rule_has_a_name_a_source_a_roll_source_and_valid_dates()
    {
        Assert.All(EoirDeadlineRules.All, rule =>
        {
            rule.Validate();
            Assert.False(string.IsNullOrWhiteSpace(rule.Source));
            Assert.False(string.IsNullOrWhiteSpace(rule.RollSource));
        });
    }

    [Fact]
    public void The_individual_hearing_rule_has_four_contiguous_versions()
    {
        var versions = EoirDeadlineRules.All
            .Where(r => r.Id == EoirDeadlineRules.IndividualHearingFilingId)
            .OrderBy(r => r.EffectiveFrom)
            .ToList();

        Assert.Equal([15, 30, 15, 30], versions.Select(v => v.Amount).ToArray());
        for (var i = 1; i < versions.Count; i++)
        {
            Assert.Equal(versions[i - 1].EffectiveTo!.Value.AddDays(1), versions[i].EffectiveFrom);
        }

        Assert.Null(versions[^1].EffectiveTo);
    }

    [Fact]
    public void Every_rule_in_the_catalog_has_exactly_one_current_version()
    {
        foreach (var group in EoirDeadlineRules.All.GroupBy(r => r.Id, StringComparer.Ordinal))
        {
            Assert.Single(group, r => r.EffectiveTo is null);
        }
    }

    [Fact]
    public void Backward_rules_are_hearing_rules_and_forward_rules_roll_to_the_next_business_day()
    {
        Assert.All(EoirDeadlineRules.All, rule =>
        {
            if (rule.Direction == CountDirection.Before)
            {
                Assert.True(rule.Trigger is DeadlineTrigger.MasterCalendarHearing or DeadlineTrigger.IndividualHearing);
                Assert.True(rule.NonDetainedOnly);
            }
            else
            {
                Assert.Equal(RollPolicy.NextBusinessDay, rule.Roll);
            }
        });
    }

    [Fact]
    public void The_catalog_covers_every_required_deadline()
    {
        var ids = EoirDeadlineRules.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(11, ids.Count);
        Assert.Equal(14, EoirDeadlineRules.All.Count);
    }

    [Fact]
    public void Overlapping_versions_are_rejected()
    {
        var a = new DeadlineRule("dup", "A", DeadlineTrigger.Decision, CountDirection.After, 10, PeriodUnit.CalendarDays,
            RollPolicy.NextBusinessDay, "S", "R", D.Of("2020-01-01"), D.Of("2021-01-01"));
        var b = a with { Amount = 20, EffectiveFrom = D.Of("2021-01-01"), EffectiveTo = null };

        Assert.Throws<ArgumentException>(() => new DeadlineCalculator([a, b]));
        _ = new DeadlineCalculator([a, b with { EffectiveFrom = D.Of("2021-01-02") }]);
    }

    [Fact]
    public void Inconsistent_rule_data_is_rejected()
    {
        var good = new DeadlineRule("r", "Rule", DeadlineTrigger.Decision, CountDirection.After, 10, PeriodUnit.CalendarDays,
            RollPolicy.NextBusinessDay, "S", "R", D.Of("2020-01-01"), null);

        Assert.Throws<ArgumentException>(() => new DeadlineCalculator([good with { Amount = 0 }]));
        Assert.Throws<ArgumentException>(() => new DeadlineCalculator([good with { Source = " " }]));
        Assert.Throws<ArgumentException>(() => new DeadlineCalculator([good with { EffectiveTo = D.Of("2019-12-31") }]));
        Assert.Throws<ArgumentException>(() => new DeadlineCalculator([good with { Direction = CountDirection.Before, Unit = PeriodUnit.Years }]));
    }
}
