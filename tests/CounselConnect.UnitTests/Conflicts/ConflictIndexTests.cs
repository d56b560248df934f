using System.Security.Cryptography;
using System.Text;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Domain.People;

namespace CounselConnect.UnitTests.Conflicts;

public sealed class ConflictIndexTests
{
    private static readonly Guid MichaelBrownId = Guid.Parse("11111111-1111-1111-1111-111111111111");

    private static PartyRecord MichaelBrown() =>
        new(MichaelBrownId, ["Michael"], ["Brown"], [], PartialDate.Parse("1978-04-09"), null);

    private static ConflictIndex WithBackground(int count, IBlockingKeyProtector? protector = null)
    {
        var index = new ConflictIndex(protector);
        foreach (var p in SyntheticPopulation.Generate(count, seed: 7))
        {
            index.Upsert(p);
        }

        return index;
    }

    [Fact]
    public void Mike_Browne_finds_Michael_Brown()
    {
        using var index = WithBackground(3000);
        index.Upsert(MichaelBrown());
        var results = index.Search(new ConflictQuery(["Mike"], ["Browne"], [], PartialDate.Parse("1978-04-09"), null));
        Assert.Equal(MichaelBrownId, results[0].PartyId);
        Assert.Contains("given name is a nickname of", results[0].Reasons);
        Assert.Contains("family name sounds alike", results[0].Reasons);
    }

    [Fact]
    public void Birth_year_typed_one_off_still_finds_the_person()
    {
        using var index = WithBackground(3000);
        index.Upsert(MichaelBrown());
        var results = index.Search(new ConflictQuery(["Michael"], ["Brown"], [], PartialDate.Parse("1979-04-09"), null));
        Assert.Equal(MichaelBrownId, results[0].PartyId);
        Assert.Contains("birth year differs by one", results[0].Reasons);
    }

    [Fact]
    public void Upsert_replaces_and_remove_forgets()
    {
        using var index = new ConflictIndex();
        index.Upsert(MichaelBrown());
        index.Upsert(MichaelBrown() with { GivenNames = ["Wilfred"] });
        Assert.Equal(1, index.Count);
        Assert.DoesNotContain(index.Search(new ConflictQuery(["Michael"], ["Brown"], [], null, null)), r => r.Reasons.Contains("given name equal"));
        Assert.Equal(MichaelBrownId, index.Search(new ConflictQuery(["Wilfred"], ["Brown"], [], null, null))[0].PartyId);
        Assert.True(index.Remove(MichaelBrownId));
        Assert.False(index.Remove(MichaelBrownId));
        Assert.Equal(0, index.Count);
        Assert.Empty(index.Search(new ConflictQuery(["Wilfred"], ["Brown"], [], null, null)));
    }

    [Fact]
    public void Results_are_ranked_by_score_then_party_id_and_capped()
    {
        using var index = new ConflictIndex();
        for (var i = 0; i < 30; i++)
        {
            index.Upsert(new PartyRecord(new Guid(i + 1, 0, 0, new byte[8]), ["José"], ["García"], [], null, null));
        }

        var results = index.Search(new ConflictQuery(["José"], ["García"], [], null, null), maxResults: 10);
        Assert.Equal(10, results.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => new Guid(i, 0, 0, new byte[8])), results.Select(r => r.PartyId));
    }

    [Fact]
    public void Same_parties_in_any_order_give_the_same_results()
    {
        var parties = SyntheticPopulation.Generate(2000, seed: 11).ToList();
        using var forward = new ConflictIndex();
        using var backward = new ConflictIndex();
        parties.ForEach(forward.Upsert);
        for (var i = parties.Count - 1; i >= 0; i--)
        {
            backward.Upsert(parties[i]);
        }

        var rng = new Random(5);
        for (var k = 0; k < 50; k++)
        {
            var q = SyntheticPopulation.VariantQuery(parties[rng.Next(parties.Count)], rng);
            var a = forward.Search(q);
            var b = backward.Search(q);
            Assert.Equal(a.Select(r => (r.PartyId, r.Score)), b.Select(r => (r.PartyId, r.Score)));
        }
    }

    [Fact]
    public void Retrieval_works_through_keyed_hashes_only()
    {
        var protector = new HmacProtector();
        using var index = WithBackground(1000, protector);
        index.Upsert(MichaelBrown());
        var results = index.Search(new ConflictQuery(["Mike"], ["Browne"], [], PartialDate.Parse("1978-04-09"), null));
        Assert.Equal(MichaelBrownId, results[0].PartyId);
        Assert.True(protector.Calls > 0);
    }

    [Fact]
    public void Bulk_apply_gives_the_same_answers_as_one_by_one_upserts_and_removes()
    {
        var parties = SyntheticPopulation.Generate(6000, seed: 11).ToList();
        var removed = parties.Where((_, i) => i % 5 == 0).Select(p => p.PartyId).ToList();
        using var single = new ConflictIndex();
        parties.ForEach(single.Upsert);
        removed.ForEach(id => single.Remove(id));
        single.Upsert(parties[1] with { FamilyNames = ["Renamed"] });

        using var bulk = new ConflictIndex();
        bulk.Apply([.. parties.Select(p => new IndexChange(p.PartyId, p)), .. removed.Select(id => new IndexChange(id, null)),
            new IndexChange(parties[1].PartyId, parties[1] with { FamilyNames = ["Renamed"] })]);

        Assert.Equal(single.Count, bulk.Count);
        Assert.Equal(6000 - removed.Count, bulk.Count);
        var rng = new Random(3);
        foreach (var p in parties.Where((_, i) => i % 37 == 0))
        {
            var q = SyntheticPopulation.VariantQuery(p, rng);
            Assert.Equal(single.Search(q).Select(r => (r.PartyId, r.Score)), bulk.Search(q).Select(r => (r.PartyId, r.Score)));
        }
    }

    [Fact]
    public void Trimming_after_a_bulk_load_gives_capacity_back_and_changes_no_answer()
    {
        var parties = SyntheticPopulation.Generate(6000, seed: 13).ToList();
        using var index = new ConflictIndex();
        index.Apply([.. parties.Select(p => new IndexChange(p.PartyId, p))]);
        // Most removed: their slots stay numbered (free), and the tables keep the room they grew to.
        index.Apply([.. parties.Where((_, i) => i % 4 != 0).Select(p => new IndexChange(p.PartyId, null))]);
        var rng = new Random(5);
        var queries = parties.Where((_, i) => i % 29 == 0).Select(p => SyntheticPopulation.VariantQuery(p, rng)).ToList();
        var before = queries.Select(q => index.Search(q).Select(r => (r.PartyId, r.Score)).ToList()).ToList();
        var spare = index.SpareCapacity;

        index.TrimExcess();

        Assert.True(index.SpareCapacity < spare / 2, $"spare capacity {index.SpareCapacity} after trimming, {spare} before");
        Assert.Equal(1500, index.Count);
        Assert.Equal(before, queries.Select(q => index.Search(q).Select(r => (r.PartyId, r.Score)).ToList()).ToList());
        Assert.Contains(before, b => b.Count > 0);

        // Still fully usable: a re-added party (reusing a free slot) is found again.
        var back = parties[1];
        index.Upsert(back);
        Assert.Equal(back.PartyId, index.Search(new ConflictQuery(back.GivenNames, back.FamilyNames, back.Aliases, back.DateOfBirth, back.ANumber))[0].PartyId);
    }

    [Fact]
    public void The_HMAC_protector_finds_what_the_identity_protector_finds()
    {
        using var plain = WithBackground(3000);
        using var keyed = WithBackground(3000, new HmacBlockingKeyProtector(Encoding.UTF8.GetBytes("unit-test-key-not-a-secret")));
        Assert.NotEqual("brown", new HmacBlockingKeyProtector(new byte[32]).Protect("brown"));
        Assert.Equal(new HmacBlockingKeyProtector(new byte[32]).Protect("brown"), new HmacBlockingKeyProtector(new byte[32]).Protect("brown"));
        var rng = new Random(5);
        foreach (var p in SyntheticPopulation.Generate(3000, seed: 7).Where((_, i) => i % 50 == 0))
        {
            var q = SyntheticPopulation.VariantQuery(p, rng);
            Assert.Equal(plain.Search(q).Select(r => (r.PartyId, r.Score)), keyed.Search(q).Select(r => (r.PartyId, r.Score)));
        }
    }

    [Fact]
    public void A_number_alone_finds_the_party()
    {
        using var index = WithBackground(1000);
        index.Upsert(MichaelBrown() with { ANumber = ANumber.Parse("A098765432") });
        var results = index.Search(new ConflictQuery([], ["Unrelated"], [], null, ANumber.Parse("098-765-432")));
        Assert.Equal(MichaelBrownId, results[0].PartyId);
        Assert.Contains("A-number equal", results[0].Reasons);
    }

    [Fact]
    public void Blocking_keys_are_plain_strings_shared_by_variants()
    {
        var party = BlockingKeys.ForParty(MichaelBrown());
        var query = BlockingKeys.ForQuery(new ConflictQuery(["Mike"], ["Browne"], [], PartialDate.Parse("1978"), null));
        Assert.Contains(party, k => k.StartsWith("ys:1978|", StringComparison.Ordinal));
        Assert.NotEmpty(party.Intersect(query));
        Assert.Equal(party, BlockingKeys.ForParty(MichaelBrown()));
    }

    [Fact]
    public void Concurrent_searches_and_updates_do_not_interfere()
    {
        using var index = WithBackground(1000);
        index.Upsert(MichaelBrown());
        var extra = SyntheticPopulation.Generate(500, seed: 99).ToList();
        var q = new ConflictQuery(["Michael"], ["Brown"], [], PartialDate.Parse("1978-04-09"), null);
        Parallel.Invoke(
            () => extra.ForEach(index.Upsert),
            () =>
            {
                for (var i = 0; i < 100; i++)
                {
                    Assert.Equal(MichaelBrownId, index.Search(q)[0].PartyId);
                }
            });
        Assert.Equal(1501, index.Count);
    }

    [Fact]
    public void Past_the_scoring_cap_ties_in_key_support_are_cut_by_party_id()
    {
        using var index = new ConflictIndex(options: new ConflictIndexOptions(MaxCandidatesScored: 5));
        // Twenty namesakes with the same keys: the same support, so which five are scored is decided by id alone.
        var ids = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            index.Upsert(new PartyRecord(id, ["Maria"], ["Garcia"], [], null, null));
        }

        var results = index.Search(new ConflictQuery(["Maria"], ["Garcia"], [], null, null), maxResults: 20);
        Assert.Equal(ids.Order().Take(5), results.Select(r => r.PartyId));
    }

    [Fact]
    public void An_identical_full_name_is_a_candidate_when_every_key_of_the_name_is_held_by_more_than_the_cap()
    {
        // A very large index in miniature: eight namesakes (years apart) make every name key ("maria", "garcia", their
        // codes and the pair of codes) more common than the cap, so none of them is used to find candidates.
        using var index = new ConflictIndex(options: new ConflictIndexOptions(MaxPostingsPerKey: 5));
        var ids = Enumerable.Range(1, 8).Select(i => new Guid(i, 0, 0, new byte[8])).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            index.Upsert(new PartyRecord(ids[i], ["Maria"], ["Garcia"], [], PartialDate.Parse((1950 + (5 * i)).ToString(System.Globalization.CultureInfo.InvariantCulture)), null));
        }

        index.Upsert(new PartyRecord(Guid.NewGuid(), ["Maria"], ["Lopez"], [], null, null));
        index.Upsert(new PartyRecord(Guid.NewGuid(), ["Rosa"], ["Garcia"], [], null, null));

        var results = index.Search(new ConflictQuery(["María"], ["García"], [], null, null), maxResults: 20);
        Assert.Equal(ids, results.Where(r => r.Reasons.Contains("full name identical")).Select(r => r.PartyId));
        Assert.All(results.Where(r => ids.Contains(r.PartyId)), r => Assert.True(r.Score >= MatchThresholds.Default.Potential));
        Assert.DoesNotContain(results, r => !ids.Contains(r.PartyId) && r.Score >= MatchThresholds.Default.Potential);
    }

    [Fact]
    public void A_full_name_held_by_more_parties_than_its_own_cap_is_skipped_too()
    {
        // The full-name key has its own, larger cap, so one search never walks more than that (a placeholder name).
        using var index = new ConflictIndex(options: new ConflictIndexOptions(MaxPostingsPerKey: 5, MaxPostingsPerFullName: 7));
        for (var i = 0; i < 8; i++)
        {
            index.Upsert(new PartyRecord(Guid.NewGuid(), ["Maria"], ["Garcia"], [], null, null));
        }

        Assert.Empty(index.Search(new ConflictQuery(["Maria"], ["Garcia"], [], null, null)));
    }

    [Fact]
    public void A_namesake_of_a_placeholder_name_is_still_found_by_its_birth_date_or_a_number()
    {
        // A name held by more parties than even the full-name cap is not searched by name alone; a namesake with the
        // same birth year (the year keys) or the same A-number is still a candidate, and ranked first.
        using var index = new ConflictIndex(options: new ConflictIndexOptions(MaxPostingsPerKey: 5, MaxPostingsPerFullName: 7));
        for (var i = 0; i < 8; i++)
        {
            index.Upsert(new PartyRecord(Guid.NewGuid(), ["Unknown"], ["Unknown"], [], null, null));
        }

        var born = Guid.NewGuid();
        index.Upsert(new PartyRecord(born, ["Unknown"], ["Unknown"], [], PartialDate.Parse("1980-05-05"), null));
        var numbered = Guid.NewGuid();
        index.Upsert(new PartyRecord(numbered, ["Unknown"], ["Unknown"], [], null, ANumber.Parse("A201234567")));

        var byDate = index.Search(new ConflictQuery(["Unknown"], ["Unknown"], [], PartialDate.Parse("1980-05-05"), null));
        Assert.Equal(born, Assert.Single(byDate, r => r.Score >= MatchThresholds.Default.Potential).PartyId);
        var byNumber = index.Search(new ConflictQuery(["Unknown"], ["Unknown"], [], null, ANumber.Parse("201234567")));
        Assert.Equal(numbered, byNumber[0].PartyId);
        Assert.True(byNumber[0].Score >= MatchThresholds.Default.Likely);
    }

    [Theory]
    [InlineData("María José", "García-López", "Maria Jose", "Garcia|Lopez", true)]
    [InlineData("Maria", "Garcia", "MARIA", "GARCÍA", true)]
    [InlineData("Maria", "Garcia", "Garcia", "Maria", false)]
    [InlineData("Maria", "Garcia", "Maria", "Garcia|Lopez", false)]
    [InlineData("Maria Jose", "Garcia", "Maria", "Jose|Garcia", false)]
    [InlineData("", "Garcia", "", "Garcia", false)]
    public void The_full_name_key_is_shared_exactly_when_the_full_names_are_identical(string qGiven, string qFamily, string pGiven, string pFamily, bool shared)
    {
        static string[] Split(string s) => s.Length == 0 ? [] : s.Split('|');
        var query = BlockingKeys.ForQuery(new ConflictQuery(Split(qGiven), Split(qFamily), [], null, null)).Where(k => k.StartsWith("f:", StringComparison.Ordinal));
        var party = BlockingKeys.ForParty(new PartyRecord(Guid.NewGuid(), Split(pGiven), Split(pFamily), ["Maria Garcia"], null, null))
            .Where(k => k.StartsWith("f:", StringComparison.Ordinal));
        Assert.Equal(shared, query.Intersect(party).Any());
    }

    [Fact]
    public void A_search_sees_none_of_the_candidates_of_the_searches_before_it()
    {
        using var index = WithBackground(2000);
        index.Upsert(MichaelBrown());
        var garcias = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in garcias)
        {
            index.Upsert(new PartyRecord(id, ["Maria"], ["Garcia"], [], null, null));
        }

        var brown = new ConflictQuery(["Michael"], ["Brown"], [], PartialDate.Parse("1978-04-09"), null);
        var garcia = new ConflictQuery(["Maria"], ["Garcia"], [], null, null);
        var alone = index.Search(brown, maxResults: 300);

        // Searches reuse their working memory: many of both kinds, on several threads at once, must each give what
        // they give alone (a slot left counted by an earlier search would add a candidate).
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            if (i % 2 == 0)
            {
                Assert.Contains(index.Search(garcia, maxResults: 300), r => garcias.Contains(r.PartyId));
            }
            else
            {
                var results = index.Search(brown, maxResults: 300);
                Assert.Equal(alone.Select(r => (r.PartyId, r.Score)), results.Select(r => (r.PartyId, r.Score)));
                Assert.DoesNotContain(results, r => garcias.Contains(r.PartyId));
            }
        });
    }

    private sealed class HmacProtector : IBlockingKeyProtector
    {
        private static readonly byte[] Key = Encoding.UTF8.GetBytes("unit-test-key-not-a-secret");
        private int _calls;

        public int Calls => _calls;

        public string Protect(string key)
        {
            Interlocked.Increment(ref _calls);
            return Convert.ToBase64String(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(key)));
        }
    }
}
