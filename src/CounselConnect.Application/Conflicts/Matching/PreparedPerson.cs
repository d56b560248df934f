using CounselConnect.Domain.People;

namespace CounselConnect.Application.Conflicts.Matching;

[Flags]
internal enum TokenRole : byte
{
    Given = 1,
    Family = 2,
    Alias = 4,
    Composite = 8,
}

/// <summary>One token of a prepared person: which name it is and which positions (bits) it covers.</summary>
internal readonly record struct TokenRef(NameTokenInfo Info, ushort Mask, TokenRole Role)
{
    public bool IsComposite => (Role & TokenRole.Composite) != 0;

    public bool IsAlias => (Role & TokenRole.Alias) != 0;
}

/// <summary>
/// A person's names reduced to normalised tokens (with adjacent tokens of one field also joined, so
/// "Xiao Ming" meets "Xiaoming" and "Jean Baptiste" meets "Jeanbaptiste"), plus birth date and A-number.
/// </summary>
internal sealed class PreparedPerson
{
    public const int MaxPositions = 16;

    private PreparedPerson(Guid id, TokenRef[] tokens, PartialDate? dob, ANumber? aNumber, ushort given, ushort family)
    {
        Id = id;
        Tokens = tokens;
        DateOfBirth = dob;
        ANumber = aNumber;
        GivenMask = given;
        FamilyMask = family;
    }

    public Guid Id { get; }

    public TokenRef[] Tokens { get; }

    public PartialDate? DateOfBirth { get; }

    public ANumber? ANumber { get; }

    /// <summary>Positions of given-name tokens.</summary>
    public ushort GivenMask { get; }

    /// <summary>Positions of family-name tokens.</summary>
    public ushort FamilyMask { get; }

    public ushort PrimaryMask => (ushort)(GivenMask | FamilyMask);

    public static PreparedPerson From(PartyRecord p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return Create(p.PartyId, p.GivenNames, p.FamilyNames, p.Aliases, p.DateOfBirth, p.ANumber);
    }

    public static PreparedPerson From(ConflictQuery q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return Create(Guid.Empty, q.GivenNames, q.FamilyNames, q.Aliases, q.DateOfBirth, q.ANumber);
    }

    private static PreparedPerson Create(
        Guid id, IReadOnlyList<string>? given, IReadOnlyList<string>? family, IReadOnlyList<string>? aliases, PartialDate? dob, ANumber? aNumber)
    {
        var tokens = new List<TokenRef>(8);
        var position = 0;
        ushort givenMask = 0;
        ushort familyMask = 0;
        var scratch = new List<string>(4);
        AddFields(given, TokenRole.Given, tokens, ref position, ref givenMask, scratch);
        AddFields(family, TokenRole.Family, tokens, ref position, ref familyMask, scratch);
        ushort aliasMask = 0;
        AddFields(aliases, TokenRole.Alias, tokens, ref position, ref aliasMask, scratch);
        return new PreparedPerson(id, [.. tokens], dob, aNumber, givenMask, familyMask);
    }

    private static void AddFields(
        IReadOnlyList<string>? fields, TokenRole role, List<TokenRef> tokens, ref int position, ref ushort roleMask, List<string> scratch)
    {
        if (fields is null)
        {
            return;
        }

        foreach (var field in fields)
        {
            scratch.Clear();
            NameNormaliser.AddTokens(field, scratch);
            var firstIndex = tokens.Count;
            foreach (var t in scratch)
            {
                if (position >= MaxPositions)
                {
                    return;
                }

                var bit = (ushort)(1 << position++);
                roleMask |= bit;
                tokens.Add(new TokenRef(NameTokenInfo.Get(t), bit, role));
            }

            // Adjacent tokens of one field, joined: "xiao ming" -> "xiaoming".
            var added = tokens.Count - firstIndex;
            for (var k = firstIndex; k + 1 < firstIndex + added; k++)
            {
                var a = tokens[k];
                var b = tokens[k + 1];
                tokens.Add(new TokenRef(NameTokenInfo.Get(a.Info.Text + b.Info.Text), (ushort)(a.Mask | b.Mask), role | TokenRole.Composite));
            }
        }
    }
}
