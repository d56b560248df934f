using CounselConnect.Domain.People;

namespace CounselConnect.UnitTests.Conflicts;

public sealed class ANumberTests
{
    [Theory]
    [InlineData("A123456789", "123456789")]
    [InlineData("a-123-456-789", "123456789")]
    [InlineData("123 456 789", "123456789")]
    [InlineData("A123-456-789", "123456789")]
    [InlineData(" A 123.456.789 ", "123456789")]
    [InlineData("A12345678", "012345678")]
    [InlineData("12345678", "012345678")]
    [InlineData("A#012345678", "012345678")]
    public void Common_spellings_parse_to_nine_digits(string text, string digits)
    {
        Assert.True(ANumber.TryParse(text, out var number));
        Assert.Equal(digits, number.Digits);
        Assert.Equal(number, ANumber.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("A1234567")]
    [InlineData("A1234567890")]
    [InlineData("B123456789")]
    [InlineData("A12345678X")]
    [InlineData("none")]
    [InlineData("A000000000")]
    [InlineData("AA123456789")]
    public void Junk_is_rejected_without_an_exception(string? text)
    {
        Assert.False(ANumber.TryParse(text, out _));
    }

    [Fact]
    public void Parse_throws_a_format_exception_for_junk() =>
        Assert.Throws<FormatException>(() => ANumber.Parse("not a number"));

    [Fact]
    public void Display_form_has_the_letter_and_groups_of_three()
    {
        Assert.Equal("A123-456-789", ANumber.Parse("123456789").ToString());
        Assert.Equal("A012-345-678", ANumber.Parse("A12345678").ToString());
    }

    [Fact]
    public void Spellings_of_one_number_are_equal()
    {
        Assert.Equal(ANumber.Parse("A012345678"), ANumber.Parse("a-12-345-678"));
        Assert.NotEqual(ANumber.Parse("A012345678"), ANumber.Parse("A012345679"));
    }
}
