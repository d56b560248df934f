namespace CounselConnect.Application.Conflicts.Matching;

internal enum TokenMatchKind : byte
{
    None = 0,
    Exact = 1,
    Variant = 2,
    Nickname = 3,
    Sound = 4,
    Typo = 5,
    Initial = 6,
}

internal readonly record struct TokenSim(TokenMatchKind Kind, float Factor);

/// <summary>
/// A query prepared once per search: tokens, blocking keys, per-token information weights (how rare the name
/// is), and a table of token comparisons shared by all candidates (names repeat a lot). Not thread-safe: one
/// instance per search.
/// </summary>
internal sealed class PreparedQuery
{
    private const double Alpha = 5000;
    private const double MinInfo = 1.0;
    private const double MaxInfo = 15.0;

    private readonly TokenSimilarities _similarities;

    /// <param name="query">The person searched for.</param>
    /// <param name="similarities">An empty comparison table to fill, kept by the caller for its next search; a new one when null.</param>
    public PreparedQuery(ConflictQuery query, TokenSimilarities? similarities = null)
    {
        _similarities = similarities ?? new TokenSimilarities();
        Person = PreparedPerson.From(query);
        Keys = BlockingKeys.Collect(Person, query: true);
        InfoExact = new double[Person.Tokens.Length];
        InfoSound = new double[Person.Tokens.Length];
        InfoVariant = new double[Person.Tokens.Length];
        InfoNickname = new double[Person.Tokens.Length];
    }

    /// <summary>Bits of evidence when the token agrees as another spelling of its variant group.</summary>
    public double[] InfoVariant { get; }

    /// <summary>Bits of evidence when the token agrees as a nickname (taken from the formal name's rarity).</summary>
    public double[] InfoNickname { get; }

    public PreparedPerson Person { get; }

    public List<(string Key, int Weight)> Keys { get; }

    /// <summary>Bits of evidence when the token agrees exactly.</summary>
    public double[] InfoExact { get; }

    /// <summary>Bits of evidence when the token agrees only by sound, spelling variant or nickname.</summary>
    public double[] InfoSound { get; }

    public void ComputeWeights(INameStatistics stats)
    {
        var tokens = Person.Tokens;
        var n = stats.Population;
        for (var i = 0; i < tokens.Length; i++)
        {
            var info = tokens[i].Info;
            if (tokens[i].IsComposite)
            {
                continue;
            }

            InfoExact[i] = Info(stats.CountOf("n:" + info.Text), n, info.Prior);
            var soundCount = info.Code.Length == 0 ? n : stats.CountOf("s:" + info.Code);
            InfoSound[i] = Math.Min(InfoExact[i], Info(soundCount, n, Math.Min(0.5, info.Prior * 3)));
            InfoVariant[i] = info.InVariantGroup ? Info(stats.CountOf("g:" + info.Canonical), n, info.Prior) : InfoSound[i];
            InfoNickname[i] = InfoExact[i];
            foreach (var formal in info.Formals)
            {
                InfoNickname[i] = Math.Min(InfoNickname[i], Info(stats.CountOf("n:" + formal), n, CommonNames.PriorFrequency(formal)));
            }
        }

        // A joined token carries the evidence of its parts.
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!tokens[i].IsComposite)
            {
                continue;
            }

            double exact = 0;
            double sound = 0;
            for (var k = 0; k < tokens.Length; k++)
            {
                if (!tokens[k].IsComposite && (tokens[k].Mask & tokens[i].Mask) != 0)
                {
                    exact += InfoExact[k];
                    sound += InfoSound[k];
                }
            }

            InfoExact[i] = exact;
            InfoSound[i] = sound;
            InfoVariant[i] = sound;
            InfoNickname[i] = sound;
        }
    }

    private static double Info(int count, int population, double prior)
    {
        var u = (count + (Alpha * prior)) / (population + Alpha);
        return Math.Clamp(-Math.Log2(u), MinInfo, MaxInfo);
    }

    /// <summary>How each query token compares with one party token (valid until the next call).</summary>
    public ReadOnlySpan<TokenSim> SimilaritiesTo(NameTokenInfo partyToken)
    {
        var tokens = Person.Tokens;
        if (_similarities.TryGet(partyToken, tokens.Length, out var known))
        {
            return known;
        }

        var sims = _similarities.Add(partyToken, tokens.Length);
        for (var i = 0; i < tokens.Length; i++)
        {
            sims[i] = Compare(tokens[i].Info, partyToken);
        }

        return sims;
    }

    internal static TokenSim Compare(NameTokenInfo a, NameTokenInfo b)
    {
        if (ReferenceEquals(a, b) || string.Equals(a.Text, b.Text, StringComparison.Ordinal))
        {
            return new TokenSim(TokenMatchKind.Exact, 1f);
        }

        if (string.Equals(a.Canonical, b.Canonical, StringComparison.Ordinal))
        {
            return new TokenSim(TokenMatchKind.Variant, 0.95f);
        }

        if (a.IsNicknameRelated(b) || b.IsNicknameRelated(a))
        {
            return new TokenSim(TokenMatchKind.Nickname, 0.85f);
        }

        var minLength = Math.Min(a.Text.Length, b.Text.Length);
        if (minLength == 1)
        {
            return a.Text[0] == b.Text[0] ? new TokenSim(TokenMatchKind.Initial, 0f) : default;
        }

        var jw = JaroWinkler.Similarity(a.Text, b.Text);
        if (a.SharesSound(b) && (Math.Min(a.Code.Length, b.Code.Length) >= 2 || jw >= 0.75))
        {
            return new TokenSim(TokenMatchKind.Sound, 0.8f);
        }

        if (minLength >= 4 && jw >= 0.88)
        {
            return new TokenSim(TokenMatchKind.Typo, (float)(0.5 + (0.3 * (jw - 0.88) / 0.12)));
        }

        return default;
    }
}

/// <summary>
/// The token comparisons of one search: where each party token's row starts, and the rows in one array. A search
/// used to grow a dictionary of its own and allocate a row per distinct party token, about a fifth of what an intake
/// allocated (docs/benchmarks.md, "Allocations per intake, by source"); <see cref="ConflictIndex"/> now keeps a table
/// per search running at the same moment and clears it after each. Not thread-safe.
/// </summary>
internal sealed class TokenSimilarities
{
    /// <summary>Distinct party tokens remembered per search; past this, comparisons are made again each time.</summary>
    private const int MaxTokens = 50_000;

    /// <summary>A table that grew past this for one search is shrunk back when cleared, so one outlier does not stay.</summary>
    private const int KeptTokens = 4_096;

    private readonly Dictionary<NameTokenInfo, int> _rowStart = new(ReferenceEqualityComparer.Instance);
    private TokenSim[] _rows = new TokenSim[1_024];
    private int _used;

    public bool TryGet(NameTokenInfo partyToken, int width, out ReadOnlySpan<TokenSim> row)
    {
        if (_rowStart.TryGetValue(partyToken, out var start))
        {
            row = _rows.AsSpan(start, width);
            return true;
        }

        row = default;
        return false;
    }

    /// <summary>
    /// A row of <paramref name="width"/> to fill for <paramref name="partyToken"/>. Rows handed out before stay valid
    /// when the array grows (they keep the old one). Past <see cref="MaxTokens"/> the row is not remembered, and the
    /// next call reuses its space.
    /// </summary>
    public Span<TokenSim> Add(NameTokenInfo partyToken, int width)
    {
        if (_used + width > _rows.Length)
        {
            Array.Resize(ref _rows, Math.Max(_rows.Length * 2, _used + width));
        }

        var row = _rows.AsSpan(_used, width);
        if (_rowStart.Count < MaxTokens)
        {
            _rowStart[partyToken] = _used;
            _used += width;
        }

        return row;
    }

    public void Clear()
    {
        var count = _rowStart.Count;
        _rowStart.Clear();
        if (count > KeptTokens)
        {
            _rowStart.TrimExcess(KeptTokens);
            _rows = new TokenSim[1_024];
        }

        _used = 0;
    }
}
