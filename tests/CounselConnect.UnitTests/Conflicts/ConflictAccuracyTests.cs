using System.Diagnostics;
using System.Globalization;
using System.Text;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Domain.People;
using Xunit.Abstractions;

namespace CounselConnect.UnitTests.Conflicts;

/// <summary>
/// Accuracy on the labelled variant set (Data/conflict-variants.csv, see Data/README.md) seeded into a
/// deterministic synthetic background population.
/// </summary>
public sealed class ConflictAccuracyTests(ITestOutputHelper output)
{
    private const int BackgroundSize = 20_000;
    private const string DataFile = "conflict-variants.csv";

    [Fact]
    public void True_party_is_in_the_top_ten_and_absent_people_are_rarely_likely()
    {
        var cases = LoadCases();
        var present = cases.Where(c => c.Expect == "present").ToList();
        var absent = cases.Where(c => c.Expect == "absent").ToList();
        Assert.True(present.Count >= 400, $"only {present.Count} labelled queries");

        var watch = Stopwatch.StartNew();
        using var index = new ConflictIndex();
        foreach (var p in SyntheticPopulation.Generate(BackgroundSize, seed: 2025))
        {
            index.Upsert(p);
        }

        foreach (var c in present)
        {
            index.Upsert(c.Party);
        }

        var built = watch.Elapsed;
        var misses = new StringBuilder();
        var found = 0;
        var foundPotential = 0;
        var byKind = new SortedDictionary<string, (int Found, int Total)>(StringComparer.Ordinal);
        foreach (var c in present)
        {
            var results = index.Search(c.Query, 10);
            var rank = results.Select(r => r.PartyId).ToList().IndexOf(c.Party.PartyId);
            var kind = c.NameVariant + "/" + c.DobVariant;
            var (f, t) = byKind.GetValueOrDefault(c.NameVariant);
            byKind[c.NameVariant] = (f + (rank >= 0 ? 1 : 0), t + 1);
            if (rank >= 0)
            {
                found++;
                foundPotential += results[rank].Score >= MatchThresholds.Default.Potential ? 1 : 0;
                continue;
            }

            var top = results.Count > 0 ? results[0].Score.ToString("0.000", CultureInfo.InvariantCulture) : "-";
            misses.AppendLine(CultureInfo.InvariantCulture, $"MISS {c.Id} {c.NameFamily} {kind}: top score {top}; {c.Line}");
        }

        var likely = new StringBuilder();
        var likelyCount = 0;
        var potentialCount = 0;
        foreach (var c in absent)
        {
            var results = index.Search(c.Query, 10);
            var outcome = MatchThresholds.Default.OutcomeFor(results);
            potentialCount += outcome == ConflictOutcome.Potential ? 1 : 0;
            if (outcome == ConflictOutcome.Likely)
            {
                likelyCount++;
                likely.AppendLine(CultureInfo.InvariantCulture, $"LIKELY {c.Id} score {results[0].Score:0.000} [{string.Join("; ", results[0].Reasons)}]; {c.Line}");
            }
        }

        var searched = watch.Elapsed - built;
        var recall = (double)found / present.Count;
        var falseLikely = (double)likelyCount / absent.Count;
        output.WriteLine($"index of {index.Count} built in {built.TotalMilliseconds:0} ms; {present.Count + absent.Count} searches in {searched.TotalMilliseconds:0} ms");
        output.WriteLine($"true party in top 10: {found}/{present.Count} = {recall:P2}");
        output.WriteLine($"true party in top 10 and at least potential: {foundPotential}/{present.Count} = {(double)foundPotential / present.Count:P2}");
        output.WriteLine($"absent people rated likely: {likelyCount}/{absent.Count} = {falseLikely:P2}");
        output.WriteLine($"absent people rated potential: {potentialCount}/{absent.Count} = {(double)potentialCount / absent.Count:P2}");
        foreach (var (kind, (f, t)) in byKind)
        {
            output.WriteLine($"  {kind,-22} {f}/{t}");
        }

        output.WriteLine(misses.ToString());
        output.WriteLine(likely.ToString());
        Assert.True(recall >= 0.99, $"recall {recall:P2} below 99%:\n{misses}");
        Assert.True(falseLikely < 0.02, $"absent people rated likely {falseLikely:P2}:\n{likely}");
    }

    private sealed record Case(string Id, string Expect, string NameFamily, string NameVariant, string DobVariant, PartyRecord Party, ConflictQuery Query, string Line);

    private static List<Case> LoadCases()
    {
        var lines = File.ReadAllLines(FindDataFile(), Encoding.UTF8);
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var cases = new List<Case>(lines.Length);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            string Get(string name) => f[Col(name)];
            var id = Get("case_id");
            var party = new PartyRecord(
                IdFor(id), List(Get("party_given")), List(Get("party_family")), List(Get("party_aliases")),
                Dob(Get("party_dob")), ANumberOf(Get("party_anumber")));
            var query = new ConflictQuery(
                List(Get("query_given")), List(Get("query_family")), List(Get("query_aliases")),
                Dob(Get("query_dob")), ANumberOf(Get("query_anumber")));
            cases.Add(new Case(id, Get("expect"), Get("name_family"), Get("name_variant"), Get("dob_variant"), party, query, line));
        }

        return cases;
    }

    private static Guid IdFor(string caseId) =>
        new(int.Parse(caseId.AsSpan(1), CultureInfo.InvariantCulture), 0x0ca5, 0x0e1d, new byte[8]);

    private static string[] List(string s) => s.Length == 0 ? [] : s.Split(';');

    private static PartialDate? Dob(string s) => s.Length == 0 ? null : PartialDate.Parse(s);

    private static ANumber? ANumberOf(string s) => s.Length == 0 ? null : ANumber.Parse(s);

    // Copied to the output folder when the test project asks for it; otherwise read from the source tree.
    private static string FindDataFile()
    {
        var inOutput = Path.Combine(AppContext.BaseDirectory, "Conflicts", "Data", DataFile);
        if (File.Exists(inOutput))
        {
            return inOutput;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "CounselConnect.UnitTests", "Conflicts", "Data", DataFile);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("The labelled variant set was not found.", DataFile);
    }
}
