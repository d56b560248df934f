using CounselConnect.Domain.Common;
using CounselConnect.Domain.Organisations;

namespace CounselConnect.UnitTests.Reports;

public sealed class ReportSuppressionThresholdTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(11)]
    [InlineData(100)]
    [InlineData(null)]
    public void An_organisation_may_set_a_threshold_from_2_to_100_or_none(int? threshold)
    {
        var organisation = new Organisation("Program");
        organisation.SetReportSuppressionThreshold(7);

        organisation.SetReportSuppressionThreshold(threshold);

        Assert.Equal(threshold, organisation.ReportSuppressionThreshold);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(101)]
    public void A_threshold_outside_2_to_100_is_refused_and_the_old_one_kept(int threshold)
    {
        var organisation = new Organisation("Program");
        organisation.SetReportSuppressionThreshold(7);

        var ex = Assert.Throws<BusinessRuleException>(() => organisation.SetReportSuppressionThreshold(threshold));

        Assert.Equal("ReportSuppressionThresholdRange", ex.Rule);
        Assert.Equal(7, organisation.ReportSuppressionThreshold);
    }
}
