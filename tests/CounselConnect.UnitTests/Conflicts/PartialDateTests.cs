using CounselConnect.Domain.People;

namespace CounselConnect.UnitTests.Conflicts;

public sealed class PartialDateTests
{
    [Theory]
    [InlineData("1985", 1985, null, null)]
    [InlineData("1985-03", 1985, 3, null)]
    [InlineData("1985-03-02", 1985, 3, 2)]
    [InlineData("2000-02-29", 2000, 2, 29)]
    [InlineData(" 1900-01-01 ", 1900, 1, 1)]
    public void Year_year_month_and_full_dates_parse(string text, int year, int? month, int? day)
    {
        var date = PartialDate.Parse(text);
        Assert.Equal(year, date.Year);
        Assert.Equal(month, date.Month);
        Assert.Equal(day, date.Day);
        Assert.Equal(text.Trim(), date.ToString());
    }

    [Theory]
    [InlineData("1899")]
    [InlineData("1985-13")]
    [InlineData("1985-00")]
    [InlineData("1985-02-30")]
    [InlineData("1900-02-29")]
    [InlineData("1985-2-3")]
    [InlineData("85-03-02")]
    [InlineData("1985/03/02")]
    [InlineData("abcd")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_dates_are_rejected(string? text)
    {
        Assert.False(PartialDate.TryParse(text, out _));
    }

    [Fact]
    public void Years_after_the_current_year_are_rejected()
    {
        var next = DateTime.UtcNow.Year + 1;
        Assert.False(PartialDate.TryParse(next.ToString(System.Globalization.CultureInfo.InvariantCulture), out _));
        Assert.True(PartialDate.TryParse("2030-01-01", maxYear: 2030, out _));
        Assert.False(PartialDate.TryParse("2030-01-01", maxYear: 2029, out _));
    }

    [Fact]
    public void Parse_throws_a_format_exception_and_create_an_argument_exception()
    {
        Assert.Throws<FormatException>(() => PartialDate.Parse("1985-02-30"));
        Assert.Throws<ArgumentException>(() => PartialDate.Create(1985, null, 3));
    }

    [Fact]
    public void Partial_dates_of_different_precision_are_not_equal()
    {
        Assert.NotEqual(PartialDate.Parse("1985"), PartialDate.Parse("1985-01"));
        Assert.Equal(PartialDate.Create(1985, 1, 2), PartialDate.Parse("1985-01-02"));
    }
}
