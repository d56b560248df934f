using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Domain.People;

namespace CounselConnect.UnitTests.Conflicts;

public sealed class PartyMatcherTests
{
    private static readonly PartyMatcher Matcher = new();

    private static PartyRecord Party(string given, string family, string? dob = null, string? aNumber = null, params string[] aliases) =>
        new(Guid.Parse("00000000-0000-0000-0000-000000000001"), Split(given), Split(family), aliases,
            dob is null ? null : PartialDate.Parse(dob), aNumber is null ? null : ANumber.Parse(aNumber));

    private static ConflictQuery Query(string given, string family, string? dob = null, string? aNumber = null, params string[] aliases) =>
        new(Split(given), Split(family), aliases, dob is null ? null : PartialDate.Parse(dob), aNumber is null ? null : ANumber.Parse(aNumber));

    private static string[] Split(string s) => s.Length == 0 ? [] : s.Split('|');

    private static ScoredCandidate Score(ConflictQuery q, PartyRecord p) => Matcher.Score(q, p);

    [Fact]
    public void Identical_person_scores_near_one()
    {
        var s = Score(Query("José Luis", "García|López", "1985-03-02"), Party("José Luis", "García|López", "1985-03-02"));
        Assert.True(s.Score > 0.9, s.Score.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("given name equal", s.Reasons);
        Assert.Contains("family name equal", s.Reasons);
        Assert.Contains("birth date equal", s.Reasons);
    }

    [Theory]
    [InlineData("Jose Luis", "Garcia|Lopez", "family name equal")]
    [InlineData("José Luis", "García", "a name part is missing on one side")]
    [InlineData("José Luis", "López", "a name part is missing on one side")]
    [InlineData("José Luis", "López|García", "family name equal")]
    [InlineData("García|López", "José Luis", "given and family names swapped")]
    [InlineData("José Luis", "García-López", "family name equal")]
    [InlineData("José Luis", "Garcia Lopes", "family name sounds alike")]
    [InlineData("José Luis", "Garcai|López", "family name spelled slightly differently")]
    [InlineData("Pepe", "García|López", "given name is a nickname of")]
    public void Everyday_variants_still_score_as_potential_or_better(string given, string family, string reason)
    {
        var party = Party("José Luis", "García|López", "1985-03-02");
        var s = Score(Query(given, family, "1985-03-02"), party);
        Assert.True(s.Score >= MatchThresholds.Default.Potential, $"{s.Score} {string.Join(", ", s.Reasons)}");
        Assert.Contains(reason, s.Reasons);
    }

    [Theory]
    [InlineData("Muhammad", "Hussain", "Mohammed", "Hussein")]
    [InlineData("Oleksandr", "Shevchenko", "Aleksandr", "Shevchenko")]
    [InlineData("Wei", "Chang", "Wei", "Zhang")]
    [InlineData("Yousef", "Giménez", "Yusuf", "Jiménez")]
    [InlineData("Gurprit", "Kaur|Sandhu", "Gurpreet", "Kaur|Sandhu")]
    [InlineData("Văn Anh", "Nguyễn", "Van Anh", "Nguyen")]
    [InlineData("Abdulrahman", "Al-Hassan", "Abdul Rahman", "Hassan")]
    [InlineData("Jean Baptiste", "Pierre", "Jean-Baptiste", "Pierre")]
    [InlineData("Александр", "Иванов", "Aleksandr", "Ivanov")]
    public void Transliterations_and_spelling_habits_match(string qGiven, string qFamily, string pGiven, string pFamily)
    {
        var s = Score(Query(qGiven, qFamily, "1979-11-23"), Party(pGiven, pFamily, "1979-11-23"));
        Assert.True(s.Score >= MatchThresholds.Default.Likely, $"{s.Score} {string.Join(", ", s.Reasons)}");
    }

    [Fact]
    public void Birth_year_one_off_is_explained_and_weaker_than_equal()
    {
        var party = Party("Ana", "Pérez|Cruz", "1990-06-15");
        var same = Score(Query("Ana", "Pérez|Cruz", "1990-06-15"), party);
        var off = Score(Query("Ana", "Pérez|Cruz", "1991-06-15"), party);
        Assert.Contains("birth year differs by one", off.Reasons);
        Assert.True(off.Score < same.Score);
        Assert.True(off.Score >= MatchThresholds.Default.Potential);
    }

    [Fact]
    public void Day_and_month_swapped_is_explained()
    {
        var s = Score(Query("Ana", "Pérez|Cruz", "1990-03-11"), Party("Ana", "Pérez|Cruz", "1990-11-03"));
        Assert.Contains("birth date day and month swapped", s.Reasons);
        Assert.True(s.Score >= MatchThresholds.Default.Potential);
    }

    [Fact]
    public void A_different_birth_date_makes_the_match_weaker_not_none()
    {
        var party = Party("Rosa", "Tzul|Xol", "1970-01-20");
        var missing = Score(Query("Rosa", "Tzul|Xol"), party);
        var differs = Score(Query("Rosa", "Tzul|Xol", "1988-07-09"), party);
        Assert.Contains("birth date missing on one side", missing.Reasons);
        Assert.Contains("birth date differs", differs.Reasons);
        Assert.True(differs.Score < missing.Score);
        Assert.True(differs.Score > 0.05);
    }

    [Fact]
    public void Year_only_birth_date_agrees_with_a_full_date()
    {
        var s = Score(Query("Rosa", "Tzul|Xol", "1970"), Party("Rosa", "Tzul|Xol", "1970-01-20"));
        Assert.Contains("birth year equal", s.Reasons);
    }

    [Fact]
    public void Equal_A_number_is_very_strong_even_when_names_differ()
    {
        var s = Score(Query("Juana", "Gómez", null, "A12345678"), Party("María", "Ixcoy", null, "012-345-678"));
        Assert.Contains("A-number equal", s.Reasons);
        Assert.True(s.Score >= MatchThresholds.Default.Likely);
    }

    [Fact]
    public void A_different_A_number_weakens_the_match()
    {
        var party = Party("María", "Ixcoy|Tzoc", "1980-01-01", "A123456789");
        var none = Score(Query("María", "Ixcoy|Tzoc", "1980-01-01"), party);
        var other = Score(Query("María", "Ixcoy|Tzoc", "1980-01-01", "A987654321"), party);
        Assert.Contains("A-number differs", other.Reasons);
        Assert.True(other.Score < none.Score);
    }

    [Fact]
    public void An_alias_on_record_matches()
    {
        var s = Score(Query("Chuy", "Ramírez", "1975-05-05"), Party("Jesús", "Ramírez|Ortiz", "1975-05-05", null, "Chuy Ramírez"));
        Assert.Contains("matched through an alias", s.Reasons);
        Assert.True(s.Score >= MatchThresholds.Default.Likely);
    }

    [Fact]
    public void Different_people_with_a_shared_common_surname_do_not_match()
    {
        var s = Score(Query("María", "García", "1960-01-01"), Party("José", "García", "1990-05-05"));
        Assert.True(s.Score < MatchThresholds.Default.Potential, s.Score.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("given names differ", s.Reasons);
    }

    [Fact]
    public void Rare_surnames_weigh_more_than_common_ones()
    {
        var common = Score(Query("Ana", "García"), Party("Ana", "García"));
        var rare = Score(Query("Ana", "Chocooj"), Party("Ana", "Chocooj"));
        Assert.True(rare.Score > common.Score);
    }

    [Theory]
    [InlineData("Maria", "Garcia", "Maria", "Garcia")]
    [InlineData("Ana", "Pérez", "ANA", "Perez")]
    [InlineData("Ana", "Pérez", "Ana", "Pérez")]
    public void An_identical_common_full_name_is_a_potential_match_explained_as_weak(string qGiven, string qFamily, string pGiven, string pFamily)
    {
        var s = Score(Query(qGiven, qFamily), Party(pGiven, pFamily));
        Assert.Equal(ConflictOutcome.Potential, MatchThresholds.Default.OutcomeFor(s.Score));
        Assert.Contains("full name identical", s.Reasons);
        Assert.Contains("common name: an identical name alone is weak evidence", s.Reasons);
    }

    [Fact]
    public void An_identical_common_full_name_is_found_among_many_namesakes_in_the_index()
    {
        // The index's own counts make the name weigh even less than the prior alone does ("Ana Pérez", six recorded).
        using var index = new ConflictIndex();
        var ids = Enumerable.Range(1, 6).Select(i => new Guid(i, 0, 0, new byte[8])).ToList();
        foreach (var id in ids)
        {
            index.Upsert(new PartyRecord(id, ["Ana"], ["Pérez"], [], null, null));
        }

        index.Upsert(new PartyRecord(Guid.NewGuid(), ["Ana"], ["López"], [], null, null));
        index.Upsert(new PartyRecord(Guid.NewGuid(), ["Rosa"], ["Pérez"], [], null, null));

        var results = index.Search(new ConflictQuery(["Ana"], ["Pérez"], [], null, null));
        Assert.Equal(ConflictOutcome.Potential, MatchThresholds.Default.OutcomeFor(results));
        var found = results.Where(r => r.Score >= MatchThresholds.Default.Potential).ToList();
        Assert.Equal(ids, found.Select(r => r.PartyId));
        Assert.All(found, r => Assert.Contains("full name identical", r.Reasons));
    }

    [Fact]
    public void An_identical_common_full_name_with_contradicting_birth_dates_is_scored_as_before()
    {
        var s = Score(Query("Maria", "Garcia", "1960-01-01"), Party("Maria", "Garcia", "1990-05-05"));
        Assert.Equal(ConflictOutcome.NoMatch, MatchThresholds.Default.OutcomeFor(s.Score));
        Assert.Equal(["family name equal", "given name equal", "birth date differs"], s.Reasons);

        var otherANumber = Score(Query("Maria", "Garcia", null, "A123456789"), Party("Maria", "Garcia", null, "A987654321"));
        Assert.Equal(ConflictOutcome.NoMatch, MatchThresholds.Default.OutcomeFor(otherANumber.Score));
        Assert.DoesNotContain("full name identical", otherANumber.Reasons);
    }

    [Theory]
    [InlineData("Maria", "Garcia", "Rosa", "Garcia")]
    [InlineData("Maria", "Garcia", "Maria", "Lopez")]
    [InlineData("Maria", "Garcia", "Maria", "Garcia|Lopez")]
    [InlineData("Maria", "Garcia", "Garcia", "Maria")]
    [InlineData("Maria", "Garcia", "Mary", "Garcia")]
    public void A_common_name_that_is_not_the_same_full_name_is_weighed_as_before(string qGiven, string qFamily, string pGiven, string pFamily)
    {
        var s = Score(Query(qGiven, qFamily), Party(pGiven, pFamily));
        Assert.Equal(ConflictOutcome.NoMatch, MatchThresholds.Default.OutcomeFor(s.Score));
        Assert.DoesNotContain("full name identical", s.Reasons);
    }

    [Fact]
    public void A_common_surname_alone_is_still_no_match()
    {
        var s = Score(Query("", "García"), Party("", "García"));
        Assert.Equal(ConflictOutcome.NoMatch, MatchThresholds.Default.OutcomeFor(s.Score));
        Assert.DoesNotContain("full name identical", s.Reasons);
    }

    [Fact]
    public void Identical_common_names_keep_the_order_their_birth_dates_give_and_only_an_equal_date_is_likely()
    {
        // Strongest birth-date evidence first: equal, day and month swapped, year off by one, year only, year and
        // month, year alone, missing.
        var query = Query("Maria", "Garcia", "1985-03-02");
        string?[] dobs = ["1985-03-02", "1985-02-03", "1984-03-02", "1985", "1985-03-20", "1985-07-20", null];
        var scores = dobs.Select(d => Score(query, Party("Maria", "Garcia", d)).Score).ToList();
        var shown = string.Join(", ", scores.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal(scores.Count, scores.Distinct().Count());
        Assert.All(scores, x => Assert.True(x >= MatchThresholds.Default.Potential, shown));
        Assert.Equal(ConflictOutcome.Likely, MatchThresholds.Default.OutcomeFor(scores[0]));
        Assert.All(scores.Skip(1), x => Assert.Equal(ConflictOutcome.Potential, MatchThresholds.Default.OutcomeFor(x)));
    }

    [Theory]
    [InlineData(0.6, 0.9)]
    [InlineData(0.75, 0.8)]
    [InlineData(0.95, 0.99)]
    [InlineData(0.9999, 1.0)]
    public void An_identical_common_full_name_is_a_potential_match_under_any_organisation_thresholds(double potential, double likely)
    {
        var thresholds = new MatchThresholds(potential, likely);
        foreach (var dob in new string?[] { null, "1985", "1985-03-20" })
        {
            var s = Matcher.Score(Query("Maria", "Garcia", "1985-03-20"), Party("Maria", "Garcia", dob), thresholds);
            var shown = s.Score.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(s.Score >= potential, shown);
            if (dob != "1985-03-20")
            {
                // The lift alone never makes a likely match (an equal birth date may, as it does without the lift).
                Assert.Equal(ConflictOutcome.Potential, thresholds.OutcomeFor(s.Score));
            }

            Assert.Contains("full name identical", s.Reasons);
            Assert.Contains("common name: an identical name alone is weak evidence", s.Reasons);
        }
    }

    [Theory]
    [InlineData(0.6, 0.9)]
    [InlineData(0.95, 0.99)]
    public void Under_higher_organisation_thresholds_only_an_identical_uncontradicted_full_name_is_lifted(double potential, double likely)
    {
        var thresholds = new MatchThresholds(potential, likely);
        Assert.Equal(ConflictOutcome.NoMatch, thresholds.OutcomeFor(Matcher.Score(Query("Maria", "Garcia"), Party("Rosa", "Garcia"), thresholds).Score));
        Assert.Equal(ConflictOutcome.NoMatch, thresholds.OutcomeFor(Matcher.Score(Query("", "García"), Party("", "García"), thresholds).Score));
        Assert.Equal(ConflictOutcome.NoMatch, thresholds.OutcomeFor(Matcher.Score(Query("Maria", "Garcia"), Party("Maria", "Garcia|Lopez"), thresholds).Score));
        Assert.Equal(ConflictOutcome.NoMatch,
            thresholds.OutcomeFor(Matcher.Score(Query("Maria", "Garcia", "1960-01-01"), Party("Maria", "Garcia", "1990-05-05"), thresholds).Score));
        Assert.Equal(ConflictOutcome.NoMatch,
            thresholds.OutcomeFor(Matcher.Score(Query("Maria", "Garcia", null, "A123456789"), Party("Maria", "Garcia", null, "A987654321"), thresholds).Score));
    }

    [Fact]
    public void A_lower_organisation_threshold_lifts_an_identical_common_name_less()
    {
        var low = new MatchThresholds(0.2, 0.8);
        var atLow = Matcher.Score(Query("Maria", "Garcia"), Party("Maria", "Garcia"), low).Score;
        var atDefault = Score(Query("Maria", "Garcia"), Party("Maria", "Garcia")).Score;
        Assert.InRange(atLow, 0.2, atDefault - 1e-9);
    }

    [Theory]
    [InlineData("Xochitl", "Tzul", "Xochitl", "Tzul")]
    [InlineData("José Luis", "García-López", "Jose Luis", "Garcia|Lopez")]
    public void An_identical_full_name_that_is_not_common_is_not_called_common(string qGiven, string qFamily, string pGiven, string pFamily)
    {
        var s = Score(Query(qGiven, qFamily), Party(pGiven, pFamily));
        Assert.Contains("full name identical", s.Reasons);
        Assert.DoesNotContain("common name: an identical name alone is weak evidence", s.Reasons);
        Assert.True(s.Score > 0.5, s.Score.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Reasons_never_contain_names_dates_or_numbers()
    {
        var s = Score(Query("Mike", "Browne", "1980-02-01", "A123456789"), Party("Michael", "Brown", "1980-01-02", "A123456789", "Mickey Brown"));
        foreach (var reason in s.Reasons)
        {
            Assert.DoesNotContain("mike", reason, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("brown", reason, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("[0-9]", reason);
        }
    }

    [Fact]
    public void Scores_stay_between_zero_and_one()
    {
        var high = Score(Query("Xochitl", "Tzul|Chocooj", "1980-02-01", "A123456789"), Party("Xochitl", "Tzul|Chocooj", "1980-02-01", "A123456789"));
        var low = Score(Query("Ana", "García", "1950-02-01", "A123456789"), Party("Wei", "Zhang", "2001-07-08", "A987654321"));
        Assert.InRange(high.Score, 0, 1);
        Assert.InRange(low.Score, 0, 1);
        Assert.Equal(ConflictOutcome.Likely, MatchThresholds.Default.OutcomeFor(high.Score));
        Assert.Equal(ConflictOutcome.NoMatch, MatchThresholds.Default.OutcomeFor(low.Score));
    }
}
