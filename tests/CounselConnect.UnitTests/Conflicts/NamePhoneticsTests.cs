using CounselConnect.Application.Conflicts.Matching;

namespace CounselConnect.UnitTests.Conflicts;

/// <summary>
/// The phonetic code is purpose-built (not a published algorithm), so these are its own documented examples:
/// pairs it must join and pairs it must keep apart.
/// </summary>
public sealed class NamePhoneticsTests
{
    [Theory]
    [InlineData("mohammed", "MHMT")]
    [InlineData("aleksandr", "ALKSNTR")]
    [InlineData("zhang", "JN")]
    [InlineData("hussein", "HSN")]
    [InlineData("yusuf", "JSP")]
    [InlineData("jimenez", "JMNS")]
    [InlineData("singh", "SN")]
    [InlineData("nguyen", "NN")]
    [InlineData("brown", "PRN")]
    [InlineData("ahmed", "AMT")]
    [InlineData("", "")]
    public void Codes_are_consonant_skeletons(string token, string code)
    {
        Assert.Equal(code, NamePhonetics.Encode(token));
    }

    [Theory]
    [InlineData("mohammed", "muhammad")]
    [InlineData("mohammed", "mohamed")]
    [InlineData("mohammed", "mhmd")]
    [InlineData("ahmed", "ahmad")]
    [InlineData("ahmed", "akhmed")]
    [InlineData("aleksandr", "alexander")]
    [InlineData("aleksandr", "oleksandr")]
    [InlineData("zhang", "chang")]
    [InlineData("zhang", "jang")]
    [InlineData("xu", "hsu")]
    [InlineData("zeng", "tseng")]
    [InlineData("guo", "kuo")]
    [InlineData("qian", "chien")]
    [InlineData("hussein", "husain")]
    [InlineData("hussein", "hussain")]
    [InlineData("hussein", "husayn")]
    [InlineData("yusuf", "youssef")]
    [InlineData("yusuf", "jusuf")]
    [InlineData("jimenez", "gimenez")]
    [InlineData("vasquez", "vazquez")]
    [InlineData("vasquez", "basquez")]
    [InlineData("gonzalez", "gonzales")]
    [InlineData("rodriguez", "rodrigues")]
    [InlineData("ivanov", "ivanoff")]
    [InlineData("shevchenko", "schevchenko")]
    [InlineData("mikhail", "mihail")]
    [InlineData("yulia", "iulia")]
    [InlineData("tatiana", "tetiana")]
    [InlineData("gurpreet", "gurprit")]
    [InlineData("singh", "sing")]
    [InlineData("kaur", "kour")]
    [InlineData("nguyen", "ngyuen")]
    [InlineData("brown", "browne")]
    [InlineData("souza", "sousa")]
    [InlineData("stephen", "steven")]
    [InlineData("catherine", "katherine")]
    [InlineData("hernandez", "hernandes")]
    public void Spelling_variants_share_a_code(string a, string b)
    {
        Assert.Equal(NamePhonetics.Encode(a), NamePhonetics.Encode(b));
    }

    [Theory]
    [InlineData("mohammed", "mahmoud")]
    [InlineData("garcia", "gomez")]
    [InlineData("hernandez", "fernandez")]
    [InlineData("sahar", "sara")]
    [InlineData("kaur", "gill")]
    public void Different_names_keep_different_codes(string a, string b)
    {
        Assert.NotEqual(NamePhonetics.Encode(a), NamePhonetics.Encode(b));
    }

    [Fact]
    public void Codes_are_at_most_eight_characters() =>
        Assert.True(NamePhonetics.Encode("wolfeschlegelsteinhausenbergerdorff").Length <= NamePhonetics.MaxLength);
}
