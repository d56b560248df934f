using CounselConnect.Domain.People;

namespace CounselConnect.UnitTests.People;

public sealed class PartialDateTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    [Theory]
    [InlineData("2026-12-04", true)]
    [InlineData("2026-12-25", true)]
    [InlineData("2027", true)]
    [InlineData("2026-12-03", false)]
    [InlineData("2026-12", false)]
    [InlineData("2026", false)]
    [InlineData("2026-11-30", false)]
    [InlineData("1990-12-25", false)]
    public void A_birth_date_is_in_the_future_only_when_every_day_it_can_mean_is_after_today(string text, bool future)
    {
        Assert.True(PartialDate.TryParse(text, 2027, out var date));
        Assert.Equal(future, date.IsAfter(Today));
    }
}
