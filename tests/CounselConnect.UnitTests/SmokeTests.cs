using CounselConnect.Domain.Common;
using CounselConnect.Domain.Organisations;

namespace CounselConnect.UnitTests;

public sealed class OrganisationTests
{
    [Fact]
    public void Adding_two_offices_with_the_same_name_breaks_a_rule()
    {
        var org = new Organisation("Demo Legal Aid");
        org.AddOffice("Newark", "America/New_York");
        var ex = Assert.Throws<BusinessRuleException>(() => org.AddOffice(" newark ", "America/New_York"));
        Assert.Equal("OfficeNameUnique", ex.Rule);
        Assert.Single(org.Offices);
    }
}
