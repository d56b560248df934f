using System.Collections.Concurrent;

namespace CounselConnect.Application.Conflicts.Matching;

/// <summary>
/// Everything the matcher needs about one normalised token, computed once and shared (interned) by every party
/// that carries the token, so a million parties hold each distinct name once.
/// </summary>
internal sealed class NameTokenInfo
{
    private const int MaxCached = 400_000;
    private static readonly ConcurrentDictionary<string, NameTokenInfo> Cache = new(StringComparer.Ordinal);

    private NameTokenInfo(string text)
    {
        Text = text;
        Canonical = NameVariants.Canonical(text);
        Code = NamePhonetics.Encode(text);
        CanonicalCode = string.Equals(Canonical, text, StringComparison.Ordinal) ? Code : NamePhonetics.Encode(Canonical);
        Formals = [.. Nicknames.FormalNamesOf(text)];
        PartyCodes = Code == CanonicalCode ? [Code] : [Code, CanonicalCode];

        // A query also reaches parties recorded under a nickname of this name, or under the formal name of it.
        var queryCodes = new List<string>(PartyCodes);
        foreach (var f in Formals)
        {
            AddDistinct(queryCodes, NamePhonetics.Encode(f));
        }

        foreach (var nick in Nicknames.NicknamesOf(Canonical))
        {
            AddDistinct(queryCodes, NamePhonetics.Encode(nick));
        }

        QueryCodes = [.. queryCodes.Where(c => c.Length > 0)];
        PartyCodes = [.. PartyCodes.Where(c => c.Length > 0)];
        Prior = CommonNames.PriorFrequency(Canonical);
        InVariantGroup = NameVariants.IsInGroup(text);
    }

    /// <summary>True when the token is one spelling of a variant group (it then carries a <c>g:</c> key).</summary>
    public bool InVariantGroup { get; }

    public string Text { get; }

    /// <summary>Spelling-variant group's canonical form (or the text itself).</summary>
    public string Canonical { get; }

    public string Code { get; }

    public string CanonicalCode { get; }

    /// <summary>Canonical formal names when this token is a nickname.</summary>
    public string[] Formals { get; }

    /// <summary>Phonetic codes stored for a party.</summary>
    public string[] PartyCodes { get; }

    /// <summary>Phonetic codes looked up for a query (adds nickname and formal-name codes).</summary>
    public string[] QueryCodes { get; }

    /// <summary>Prior share of people carrying this name, before any index statistics.</summary>
    public double Prior { get; }

    public static NameTokenInfo Get(string text)
    {
        if (Cache.TryGetValue(text, out var info))
        {
            return info;
        }

        info = new NameTokenInfo(string.IsInterned(text) ?? text);
        return Cache.Count < MaxCached ? Cache.GetOrAdd(text, info) : info;
    }

    public bool SharesSound(NameTokenInfo other) =>
        Code.Length > 0 && other.Code.Length > 0
        && (Code == other.Code || CanonicalCode == other.CanonicalCode || Code == other.CanonicalCode || CanonicalCode == other.Code);

    public bool IsNicknameRelated(NameTokenInfo other)
    {
        foreach (var f in Formals)
        {
            if (f == other.Canonical || Array.IndexOf(other.Formals, f) >= 0)
            {
                return true;
            }
        }

        return Array.IndexOf(other.Formals, Canonical) >= 0;
    }

    private static void AddDistinct(List<string> list, string value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }
}
