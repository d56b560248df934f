using CounselConnect.Application.Conflicts.Matching;

namespace CounselConnect.UnitTests.Conflicts;

public sealed class NameTablesTests
{
    [Theory]
    [InlineData("pepe", "jose")]
    [InlineData("paco", "francisco")]
    [InlineData("pancho", "francisco")]
    [InlineData("lupe", "guadalupe")]
    [InlineData("chuy", "jesus")]
    [InlineData("nacho", "ignacio")]
    [InlineData("rita", "margarita")]
    [InlineData("alex", "alejandro")]
    [InlineData("alex", "alexander")]
    [InlineData("bill", "william")]
    [InlineData("mike", "michael")]
    [InlineData("bob", "robert")]
    [InlineData("memo", "guillermo")]
    [InlineData("lalo", "eduardo")]
    [InlineData("natasha", "natalia")]
    [InlineData("misha", "mykhailo")]
    [InlineData("bill", "will")]
    public void Nicknames_are_related_to_their_formal_names(string a, string b)
    {
        Assert.True(Nicknames.AreRelated(a, b));
        Assert.True(Nicknames.AreRelated(b, a));
    }

    [Theory]
    [InlineData("pepe", "francisco")]
    [InlineData("mike", "william")]
    [InlineData("jose", "juan")]
    public void Unrelated_names_are_not_nicknames(string a, string b) =>
        Assert.False(Nicknames.AreRelated(a, b));

    [Fact]
    public void The_table_has_a_good_few_dozen_entries()
    {
        var formals = new[] { "jose", "francisco", "guadalupe", "william", "michael", "jesus", "ignacio", "robert", "alejandro", "margarita" };
        Assert.All(formals, f => Assert.NotEmpty(Nicknames.NicknamesOf(f)));
        Assert.Contains("mike", Nicknames.NicknamesOf("michael"));
    }

    [Theory]
    [InlineData("mohammed", "muhammad")]
    [InlineData("mohamed", "mohammad")]
    [InlineData("aleksandr", "oleksandr")]
    [InlineData("alexander", "aleksandr")]
    [InlineData("zhang", "chang")]
    [InlineData("hussein", "husain")]
    [InlineData("jimenez", "ximenez")]
    [InlineData("gimenez", "jimenez")]
    [InlineData("yusuf", "youssef")]
    [InlineData("serhiy", "sergei")]
    [InlineData("xu", "hsu")]
    public void Transliterations_fold_together(string a, string b) =>
        Assert.True(NameVariants.AreVariants(a, b));

    [Fact]
    public void Different_names_do_not_fold_together() =>
        Assert.False(NameVariants.AreVariants("mohammed", "mahmoud"));

    [Theory]
    [InlineData("martha", "marhta", 0.961)]
    [InlineData("dwayne", "duane", 0.84)]
    [InlineData("dixon", "dicksonx", 0.813)]
    public void Jaro_winkler_matches_the_published_examples(string a, string b, double expected) =>
        Assert.Equal(expected, JaroWinkler.Similarity(a, b), 3);
}
