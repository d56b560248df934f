using System.Numerics;
using CounselConnect.Domain.People;

namespace CounselConnect.Application.Conflicts.Matching;

internal readonly record struct MatchResult(double Score, MatchReasons Reasons);

/// <summary>
/// Scores how likely a query and a party are the same person. Evidence is added up in bits, in the manner of
/// Fellegi-Sunter record linkage: each agreeing name token adds about log2(1/share of people with that name)
/// (rare names count more; the share comes from the index's key counts blended with a prior), scaled down for
/// spelling variants, nicknames, sound-alikes and typos; names left over on either side cost a little; birth
/// dates and A-numbers add or subtract. The total is mapped to 0..1 with a logistic curve.
/// Tokens are aligned order-insensitively, so swapped given/family names, either Spanish surname alone and
/// dropped surnames still match.
/// A party whose full name is identical to the query's (see <see cref="FullNameIdentical"/>) is never scored below a
/// potential match because its name is common, unless a birth date or A-number contradicts it: it is lifted to just
/// over the potential threshold of the thresholds the search is run with (the organisation's; see
/// <see cref="IdenticalNameLift"/>).
/// </summary>
public sealed class PartyMatcher
{
    internal const double ANumberEqualBits = 36;
    internal const double ANumberDiffersBits = -8;
    private const double Midpoint = 16;
    private const double Spread = 3;
    private const double MaxNameBits = 22;
    private const double NextPartDecay = 0.8;
    private const double UncorroboratedBits = 21;
    private const double UncorroboratedSlope = 0.15;
    private const double CorroboratingBirthDateBits = 6;
    private const double UnmatchedTokenBits = 1.5;
    private const double MaxUnmatchedBits = 6;
    private const double FieldDiffersBits = 4;
    private const double NoNameMatchBits = -10;
    private const double InitialBits = 1;

    /// <summary>
    /// How far above a threshold (in bits) the lift of an identical full name lands: just above the potential
    /// threshold, and just below the likely one.
    /// </summary>
    internal const double IdenticalNameMarginBits = 0.25;

    /// <summary>
    /// The least evidence an identical full name counts for under the default thresholds (when nothing contradicts
    /// it): just above the point where a name alone becomes a potential match. An identical name weighs less than this
    /// only when its parts are common (two listed or often-recorded names: "Maria Garcia" is about 12 bits from the
    /// prior alone); such a name is explained as common whatever the organisation's thresholds, and rarer names are
    /// never changed by the default lift.
    /// </summary>
    internal static readonly double IdenticalNameBits = BitsFor(MatchThresholds.Default.Potential) + IdenticalNameMarginBits;

    /// <summary>
    /// Birth-date (and A-number) evidence counts at this share above the lift's floor, so lifted identical names keep
    /// the order their dates put them in, while the lift alone never makes a likely match (with the default
    /// thresholds an equal birth date, the most a date adds, lifts to about 0.74; an equal A-number is likely without
    /// any lift; see <see cref="IdenticalNameLift"/> for other thresholds).
    /// </summary>
    internal const double IdenticalNameDateShare = 0.5;

    private readonly INameStatistics _statistics;

    public PartyMatcher()
        : this(PriorOnlyStatistics.Instance)
    {
    }

    internal PartyMatcher(INameStatistics statistics) => _statistics = statistics;

    /// <summary>
    /// Scores one party against a query, with the thresholds the score will be judged by (the default ones when
    /// null): they decide where an identical full name is lifted to.
    /// </summary>
    public ScoredCandidate Score(ConflictQuery q, PartyRecord p, MatchThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(p);
        var prepared = new PreparedQuery(q);
        prepared.ComputeWeights(_statistics);
        var result = Score(prepared, PreparedPerson.From(p), IdenticalNameLift.For(thresholds ?? MatchThresholds.Default));
        return new ScoredCandidate(p.PartyId, result.Score, MatchReasonText.ToText(result.Reasons));
    }

    internal static MatchResult Score(PreparedQuery query, PreparedPerson party, in IdenticalNameLift lift)
    {
        var reasons = MatchReasons.None;
        var nameBits = NameBits(query, party, ref reasons);
        var aNumberBits = ANumberBits(query.Person.ANumber, party.ANumber, ref reasons);
        var birthBits = BirthDateBits(query.Person.DateOfBirth, party.DateOfBirth, ref reasons);
        var bits = nameBits + aNumberBits + birthBits;

        // Names alone (or with a birth year only) never make a likely match: without a birth date agreeing at
        // least to the month, or an equal A-number, the total is
        // flattened above the point where a name-only match would otherwise become likely (order is kept).
        if (aNumberBits <= 0 && birthBits < CorroboratingBirthDateBits && bits > UncorroboratedBits)
        {
            bits = UncorroboratedBits + ((bits - UncorroboratedBits) * UncorroboratedSlope);
        }

        // An identical full name that nothing contradicts is at least a potential match under the thresholds it is
        // judged by, however common the name: a person must see it. Where the name's own weight is what kept it lower,
        // the reasons say the name is common. A contradicting birth date or A-number (both known and judged different)
        // leaves everything as it was.
        var identical = false;
        if (aNumberBits >= 0 && birthBits >= 0 && FullNameIdentical(query.Person, party))
        {
            identical = true;
            reasons |= MatchReasons.FullNameEqual;
            if (nameBits < IdenticalNameBits)
            {
                reasons |= MatchReasons.CommonName;
            }

            bits = Math.Max(bits, lift.BitsFor(aNumberBits + birthBits));
        }

        var score = Math.Round(1.0 / (1.0 + Math.Pow(2, -(bits - Midpoint) / Spread)), 4);
        if (identical)
        {
            // Only for a potential threshold within rounding of 1: the four decimals kept must not fall below it.
            score = Math.Max(score, lift.Potential);
        }

        return new MatchResult(score, reasons);
    }

    /// <summary>
    /// True when both sides have a given and a family name and every given-name and every family-name token is equal
    /// after normalisation (case, diacritics, scripts, hyphens and particles as <see cref="NameNormaliser"/> treats
    /// them), field by field and in order. Spelling variants, nicknames and aliases do not count.
    /// </summary>
    internal static bool FullNameIdentical(PreparedPerson query, PreparedPerson party) =>
        SameTokens(query.Tokens, party.Tokens, TokenRole.Given) && SameTokens(query.Tokens, party.Tokens, TokenRole.Family);

    private static bool SameTokens(TokenRef[] a, TokenRef[] b, TokenRole role)
    {
        int i = 0, j = 0, compared = 0;
        while (true)
        {
            while (i < a.Length && a[i].Role != role)
            {
                i++;
            }

            while (j < b.Length && b[j].Role != role)
            {
                j++;
            }

            if (i == a.Length || j == b.Length)
            {
                return i == a.Length && j == b.Length && compared > 0;
            }

            if (!ReferenceEquals(a[i].Info, b[j].Info) && !string.Equals(a[i].Info.Text, b[j].Info.Text, StringComparison.Ordinal))
            {
                return false;
            }

            compared++;
            i++;
            j++;
        }
    }

    /// <summary>The evidence at which a name scores <paramref name="score"/> (infinite at 0 and 1).</summary>
    internal static double BitsFor(double score) => Midpoint - (Spread * Math.Log2((1 - score) / score));

    private struct Pair
    {
        public float Weight;
        public byte Q;
        public byte P;
        public TokenMatchKind Kind;
    }

    private static double NameBits(PreparedQuery query, PreparedPerson party, ref MatchReasons reasons)
    {
        var qt = query.Person.Tokens;
        var pt = party.Tokens;
        if (qt.Length == 0 || pt.Length == 0)
        {
            return 0;
        }

        var size = qt.Length * pt.Length;
        Span<Pair> pairs = size <= 256 ? stackalloc Pair[size] : new Pair[size];
        var count = 0;
        for (var j = 0; j < pt.Length; j++)
        {
            var sims = query.SimilaritiesTo(pt[j].Info);
            for (var i = 0; i < qt.Length; i++)
            {
                var s = sims[i];
                if (s.Kind == TokenMatchKind.None)
                {
                    continue;
                }

                // A joined token meets a split one only when the letters agree.
                if (qt[i].IsComposite != pt[j].IsComposite && s.Kind is not (TokenMatchKind.Exact or TokenMatchKind.Variant))
                {
                    continue;
                }

                var info = s.Kind switch
                {
                    TokenMatchKind.Exact or TokenMatchKind.Typo => query.InfoExact[i],
                    TokenMatchKind.Variant => query.InfoVariant[i],
                    TokenMatchKind.Nickname => query.InfoNickname[i],
                    _ => query.InfoSound[i],
                };
                var weight = s.Kind == TokenMatchKind.Initial ? InitialBits : s.Factor * info;
                pairs[count++] = new Pair { Weight = (float)weight, Q = (byte)i, P = (byte)j, Kind = s.Kind };
            }
        }

        // Best pairs first; ties broken by position so the result never depends on anything else.
        var used = pairs[..count];
        for (var a = 1; a < used.Length; a++)
        {
            var x = used[a];
            var b = a - 1;
            while (b >= 0 && Before(x, used[b]))
            {
                used[b + 1] = used[b];
                b--;
            }

            used[b + 1] = x;
        }

        ushort usedQ = 0;
        ushort usedP = 0;
        double bits = 0;
        var decay = 1.0;
        bool givenToFamily = false, familyToGiven = false;
        foreach (var pair in used)
        {
            var q = qt[pair.Q];
            var p = pt[pair.P];
            if ((usedQ & q.Mask) != 0 || (usedP & p.Mask) != 0)
            {
                continue;
            }

            usedQ |= q.Mask;
            usedP |= p.Mask;
            // Name parts are not independent ("Maria Guadalupe", "Thi Lan"), so each further agreeing part counts a little less.
            bits += pair.Weight * decay;
            decay *= NextPartDecay;
            var family = (q.Role & TokenRole.Family) != 0 || ((q.Role & TokenRole.Alias) != 0 && (p.Role & TokenRole.Family) != 0);
            reasons |= KindReason(pair.Kind, family);
            if (q.IsAlias || p.IsAlias)
            {
                reasons |= MatchReasons.Alias;
            }

            if (q.IsComposite != p.IsComposite)
            {
                reasons |= MatchReasons.JoinedName;
            }

            givenToFamily |= (q.Role & TokenRole.Given) != 0 && (p.Role & TokenRole.Family) != 0;
            familyToGiven |= (q.Role & TokenRole.Family) != 0 && (p.Role & TokenRole.Given) != 0;
        }

        if (usedQ == 0)
        {
            reasons |= MatchReasons.NamesDiffer;
            return NoNameMatchBits;
        }

        if (givenToFamily && familyToGiven)
        {
            reasons |= MatchReasons.Swapped;
        }
        else if (givenToFamily || familyToGiven)
        {
            reasons |= MatchReasons.NamePartOtherField;
        }

        var qPrimary = query.Person.PrimaryMask;
        var pPrimary = party.PrimaryMask;
        var unmatched = BitOperations.PopCount((uint)(qPrimary & ~usedQ)) + BitOperations.PopCount((uint)(pPrimary & ~usedP));
        if (unmatched > 0)
        {
            reasons |= MatchReasons.NamePartMissing;
            bits -= Math.Min(MaxUnmatchedBits, unmatched * UnmatchedTokenBits);
        }

        bits = Math.Min(bits, MaxNameBits);
        if (FieldDiffers(query.Person.GivenMask, party.GivenMask, usedQ, usedP))
        {
            reasons |= MatchReasons.GivenDiffers;
            bits -= FieldDiffersBits;
        }

        if (FieldDiffers(query.Person.FamilyMask, party.FamilyMask, usedQ, usedP))
        {
            reasons |= MatchReasons.FamilyDiffers;
            bits -= FieldDiffersBits;
        }

        return bits;
    }

    private static bool Before(Pair x, Pair y) =>
        x.Weight != y.Weight ? x.Weight > y.Weight : x.Q != y.Q ? x.Q < y.Q : x.P < y.P;

    private static bool FieldDiffers(ushort qMask, ushort pMask, ushort usedQ, ushort usedP) =>
        qMask != 0 && pMask != 0 && (usedQ & qMask) == 0 && (usedP & pMask) == 0;

    private static MatchReasons KindReason(TokenMatchKind kind, bool family) => kind switch
    {
        TokenMatchKind.Exact => family ? MatchReasons.FamilyEqual : MatchReasons.GivenEqual,
        TokenMatchKind.Variant => family ? MatchReasons.FamilyVariant : MatchReasons.GivenVariant,
        TokenMatchKind.Nickname => family ? MatchReasons.FamilyNickname : MatchReasons.GivenNickname,
        TokenMatchKind.Sound => family ? MatchReasons.FamilySound : MatchReasons.GivenSound,
        TokenMatchKind.Typo => family ? MatchReasons.FamilyTypo : MatchReasons.GivenTypo,
        TokenMatchKind.Initial => MatchReasons.GivenInitial,
        _ => MatchReasons.None,
    };

    private static double ANumberBits(ANumber? q, ANumber? p, ref MatchReasons reasons)
    {
        if (q is null || p is null)
        {
            return 0;
        }

        if (q.Value == p.Value)
        {
            reasons |= MatchReasons.ANumberEqual;
            return ANumberEqualBits;
        }

        reasons |= MatchReasons.ANumberDiffers;
        return ANumberDiffersBits;
    }

    internal static double BirthDateBits(PartialDate? q, PartialDate? p, ref MatchReasons reasons)
    {
        if (q is not { } a || p is not { } b)
        {
            reasons |= MatchReasons.BirthDateMissing;
            return 0;
        }

        var yearGap = Math.Abs(a.Year - b.Year);
        if (a.IsFullDate && b.IsFullDate)
        {
            var sameMonth = a.Month == b.Month;
            var sameDay = a.Day == b.Day;
            if (yearGap == 0 && sameMonth && sameDay)
            {
                reasons |= MatchReasons.BirthDateEqual;
                return 12;
            }

            if (yearGap == 0 && a.Month == b.Day && a.Day == b.Month)
            {
                reasons |= MatchReasons.BirthDaySwapped;
                return 8;
            }

            if (yearGap == 1 && sameMonth && sameDay)
            {
                reasons |= MatchReasons.BirthYearOffByOne;
                return 7;
            }

            if (yearGap == 0 && sameMonth)
            {
                reasons |= MatchReasons.BirthYearMonthEqual;
                return 3;
            }

            if (sameMonth && sameDay)
            {
                reasons |= MatchReasons.BirthDayMonthEqual;
                return 3;
            }

            if (yearGap == 0)
            {
                reasons |= MatchReasons.BirthYearEqual;
                return 1;
            }

            if (yearGap == 1 && a.Month == b.Day && a.Day == b.Month)
            {
                reasons |= MatchReasons.BirthYearOffByOne | MatchReasons.BirthDaySwapped;
                return 2;
            }

            reasons |= MatchReasons.BirthDateDiffers;
            return -5;
        }

        // At least one side is partial: compare at the precision both have.
        if (yearGap == 0)
        {
            if (a.HasMonth && b.HasMonth)
            {
                if (a.Month == b.Month)
                {
                    reasons |= MatchReasons.BirthYearMonthEqual;
                    return 7;
                }

                reasons |= MatchReasons.BirthYearEqual;
                return 1;
            }

            reasons |= MatchReasons.BirthYearEqual;
            return 5;
        }

        if (yearGap == 1)
        {
            reasons |= MatchReasons.BirthYearOffByOne;
            return 2;
        }

        reasons |= MatchReasons.BirthDateDiffers;
        return -4;
    }
}

/// <summary>
/// Where an identical full name that nothing contradicts is lifted to under one set of thresholds (worked out once per
/// search): at least just over the potential threshold, plus a share of its birth-date and A-number evidence (so the
/// dates keep their order), but by the lift alone never to the likely threshold, unless the two thresholds are so
/// close that only a likely match is at least a potential one. With the default thresholds this is the lift of
/// <see cref="PartyMatcher.IdenticalNameBits"/>; with an organisation's higher potential threshold the namesake is
/// still shown, and with a lower one it is lifted less.
/// </summary>
internal readonly record struct IdenticalNameLift(double FloorBits, double CeilingBits, double Potential)
{
    public static IdenticalNameLift Default { get; } = For(MatchThresholds.Default);

    public static IdenticalNameLift For(MatchThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return new IdenticalNameLift(
            PartyMatcher.BitsFor(thresholds.Potential) + PartyMatcher.IdenticalNameMarginBits,
            PartyMatcher.BitsFor(thresholds.Likely) - PartyMatcher.IdenticalNameMarginBits,
            thresholds.Potential);
    }

    /// <summary>The least evidence the identical name counts for, given the A-number and birth-date bits (both ≥ 0).</summary>
    public double BitsFor(double corroboratingBits) =>
        Math.Max(FloorBits, Math.Min(FloorBits + (corroboratingBits * PartyMatcher.IdenticalNameDateShare), CeilingBits));
}
