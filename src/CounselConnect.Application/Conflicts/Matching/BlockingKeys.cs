using System.Globalization;

namespace CounselConnect.Application.Conflicts.Matching;

/// <summary>
/// Blocking keys: plain strings that a party and a query for the same person are likely to share. The index
/// stores and looks up only these keys (after <see cref="IBlockingKeyProtector"/>), never the names.
/// <list type="bullet">
/// <item><c>a:</c> the 9-digit A-number;</item>
/// <item><c>n:</c> each normalised token, and adjacent tokens of a field joined;</item>
/// <item><c>g:</c> the canonical spelling of a token that belongs to a transliteration-variant group;</item>
/// <item><c>s:</c> each phonetic code (a query adds the codes of nicknames and formal names);</item>
/// <item><c>ss:</c> each unordered pair of phonetic codes of two different tokens (order-insensitive, so
/// swapped given/family names and either surname alone still meet);</item>
/// <item><c>ys:</c> birth year with each phonetic code (a query also asks for the year before and after);</item>
/// <item><c>f:</c> the full name: every given-name and every family-name token in order, as
/// <see cref="PartyMatcher.FullNameIdentical"/> compares them (only when both fields have one), so an identical
/// namesake is found even when every other key of a very common name is held by too many parties to be used.</item>
/// </list>
/// </summary>
public static class BlockingKeys
{
    internal const int WeightANumber = 60;
    internal const int WeightPair = 4;
    internal const int WeightYear = 4;
    internal const int WeightNearYear = 3;
    internal const int WeightToken = 3;
    internal const int WeightSound = 1;
    internal const int WeightFullName = 8;

    /// <summary>The prefix of the full-name key, which <see cref="ConflictIndex"/> caps apart from the others.</summary>
    internal const string FullNamePrefix = "f:";

    private const int MaxPartyCodes = 10;
    private const int MaxQueryCodes = 16;

    public static IReadOnlyList<string> ForParty(PartyRecord p) =>
        Collect(PreparedPerson.From(p), query: false).Select(k => k.Key).ToList();

    public static IReadOnlyList<string> ForQuery(ConflictQuery q) =>
        Collect(PreparedPerson.From(q), query: true).Select(k => k.Key).ToList();

    /// <summary>Keys with the weight a shared key adds when ranking candidates for scoring.</summary>
    internal static List<(string Key, int Weight)> Collect(PreparedPerson person, bool query)
    {
        var keys = new List<(string, int)>(32);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Add(string key, int weight)
        {
            if (seen.Add(key))
            {
                keys.Add((key, weight));
            }
        }

        if (person.ANumber is { } a)
        {
            Add("a:" + a.Digits, WeightANumber);
        }

        if (FullNameKey(person) is { } fullName)
        {
            Add(fullName, WeightFullName);
        }

        foreach (var t in person.Tokens)
        {
            Add("n:" + t.Info.Text, WeightToken);
            if (t.Info.InVariantGroup && !t.IsComposite)
            {
                Add("g:" + t.Info.Canonical, WeightToken);
            }
        }

        // Codes of single tokens with the positions they come from (pairs must come from two tokens).
        var codes = new List<(string Code, ushort Mask)>(12);
        var limit = query ? MaxQueryCodes : MaxPartyCodes;
        foreach (var t in person.Tokens)
        {
            if (t.IsComposite)
            {
                continue;
            }

            foreach (var c in query ? t.Info.QueryCodes : t.Info.PartyCodes)
            {
                if (codes.Count < limit && !codes.Exists(x => x.Code == c && (x.Mask & t.Mask) != 0))
                {
                    codes.Add((c, t.Mask));
                }

                Add("s:" + c, WeightSound);
            }
        }

        for (var i = 0; i < codes.Count; i++)
        {
            for (var j = i + 1; j < codes.Count; j++)
            {
                if ((codes[i].Mask & codes[j].Mask) != 0)
                {
                    continue;
                }

                var (x, y) = string.CompareOrdinal(codes[i].Code, codes[j].Code) <= 0
                    ? (codes[i].Code, codes[j].Code)
                    : (codes[j].Code, codes[i].Code);
                Add("ss:" + x + "|" + y, WeightPair);
            }
        }

        if (person.DateOfBirth is { } dob)
        {
            var year = (int)dob.Year;
            foreach (var (code, _) in codes)
            {
                Add(YearKey(year, code), WeightYear);
            }

            if (query)
            {
                foreach (var (code, _) in codes)
                {
                    Add(YearKey(year - 1, code), WeightNearYear);
                    Add(YearKey(year + 1, code), WeightNearYear);
                }
            }
        }

        return keys;
    }

    /// <summary>
    /// <c>f:</c>, the given-name tokens, <c>|</c>, the family-name tokens (single tokens, not joined ones, separated by
    /// spaces): equal for two people exactly when <see cref="PartyMatcher.FullNameIdentical"/> holds; null unless both
    /// fields have a token.
    /// </summary>
    internal static string? FullNameKey(PreparedPerson person)
    {
        var sb = new System.Text.StringBuilder(FullNamePrefix, 40);
        if (!AppendTokens(sb, person.Tokens, TokenRole.Given))
        {
            return null;
        }

        sb.Append('|');
        return AppendTokens(sb, person.Tokens, TokenRole.Family) ? sb.ToString() : null;
    }

    private static bool AppendTokens(System.Text.StringBuilder sb, TokenRef[] tokens, TokenRole role)
    {
        var any = false;
        foreach (var t in tokens)
        {
            if (t.Role != role)
            {
                continue;
            }

            if (any)
            {
                sb.Append(' ');
            }

            sb.Append(t.Info.Text);
            any = true;
        }

        return any;
    }

    private static string YearKey(int year, string code) =>
        string.Create(CultureInfo.InvariantCulture, $"ys:{year}|{code}");
}
