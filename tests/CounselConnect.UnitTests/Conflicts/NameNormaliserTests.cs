using CounselConnect.Application.Conflicts.Matching;

namespace CounselConnect.UnitTests.Conflicts;

public sealed class NameNormaliserTests
{
    [Theory]
    [InlineData("José", "jose")]
    [InlineData("  JIMÉNEZ ", "jimenez")]
    [InlineData("María de la Cruz", "maria cruz")]
    [InlineData("García y López", "garcia lopez")]
    [InlineData("Gonzalez-Del Rio", "gonzalez rio")]
    [InlineData("da Silva", "silva")]
    [InlineData("dos Santos", "santos")]
    [InlineData("O'Brien", "obrien")]
    [InlineData("O’Brien", "obrien")]
    [InlineData("B'alam", "balam")]
    [InlineData("Jean-Baptiste", "jean baptiste")]
    [InlineData("Nguyễn Văn Ánh", "nguyen van anh")]
    [InlineData("Đặng", "dang")]
    [InlineData("Gonçalves", "goncalves")]
    [InlineData("Александр", "aleksandr")]
    [InlineData("Олександр", "oleksandr")]
    [InlineData("张伟", "zhang wei")]
    [InlineData("王小明", "wang xiao ming")]
    [InlineData("ਗੁਰਪ੍ਰੀਤ", "gurprit")]
    [InlineData("De", "de")]
    [InlineData("", "")]
    public void Names_become_lower_case_ascii_tokens(string raw, string expected)
    {
        Assert.Equal(expected, NameNormaliser.Normalise(raw));
    }

    [Theory]
    [InlineData("Abdul Rahman")]
    [InlineData("Abdulrahman")]
    [InlineData("Abdel-Rahman")]
    [InlineData("Abd al-Rahman")]
    [InlineData("Abdurrahman")]
    [InlineData("abdelrahman")]
    public void Abdul_compounds_become_one_token(string raw)
    {
        Assert.Equal("abdrahman", NameNormaliser.Normalise(raw));
    }

    [Fact]
    public void Abdullah_is_left_whole() => Assert.Equal("abdullah", NameNormaliser.Normalise("Abdullah"));

    [Theory]
    [InlineData("al-Hassan")]
    [InlineData("Al Hassan")]
    [InlineData("El-Hassan")]
    [InlineData("Alhassan")]
    public void Arabic_articles_are_dropped(string raw)
    {
        Assert.Equal("hassan", NameNormaliser.Normalise(raw));
    }

    [Fact]
    public void The_unvocalised_arabic_article_is_dropped() =>
        Assert.Equal(NamePhonetics.Encode("hassan"), NamePhonetics.Encode(NameNormaliser.Normalise("الحسن")));

    [Fact]
    public void Sun_letter_articles_are_dropped() =>
        Assert.Equal("rashid", NameNormaliser.Normalise("ar-Rashid"));

    [Fact]
    public void Arabic_script_names_meet_their_latin_spelling_by_sound()
    {
        Assert.Equal(NamePhonetics.Encode("mohammed"), NamePhonetics.Encode(NameNormaliser.Normalise("محمد")));
        Assert.Equal(NamePhonetics.Encode("ahmed"), NamePhonetics.Encode(NameNormaliser.Normalise("أحمد")));
    }

    [Fact]
    public void A_lone_particle_or_article_is_kept()
    {
        Assert.Equal("el", NameNormaliser.Normalise("El"));
        Assert.Equal("al", NameNormaliser.Normalise("Al"));
    }
}
