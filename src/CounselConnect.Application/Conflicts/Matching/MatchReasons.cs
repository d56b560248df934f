namespace CounselConnect.Application.Conflicts.Matching;

/// <summary>Why a candidate scored as it did; turned into readable text only for the results returned.</summary>
[Flags]
internal enum MatchReasons : uint
{
    None = 0,
    ANumberEqual = 1u << 0,
    ANumberDiffers = 1u << 1,
    GivenEqual = 1u << 2,
    FamilyEqual = 1u << 3,
    GivenVariant = 1u << 4,
    FamilyVariant = 1u << 5,
    GivenNickname = 1u << 6,
    FamilyNickname = 1u << 7,
    GivenSound = 1u << 8,
    FamilySound = 1u << 9,
    GivenTypo = 1u << 10,
    FamilyTypo = 1u << 11,
    GivenInitial = 1u << 12,
    Alias = 1u << 13,
    Swapped = 1u << 14,
    NamePartMissing = 1u << 15,
    GivenDiffers = 1u << 16,
    FamilyDiffers = 1u << 17,
    NamesDiffer = 1u << 18,
    BirthDateEqual = 1u << 19,
    BirthDaySwapped = 1u << 20,
    BirthYearOffByOne = 1u << 21,
    BirthYearEqual = 1u << 22,
    BirthYearMonthEqual = 1u << 23,
    BirthDateDiffers = 1u << 24,
    BirthDateMissing = 1u << 25,
    JoinedName = 1u << 26,
    NamePartOtherField = 1u << 27,
    BirthDayMonthEqual = 1u << 28,
    FullNameEqual = 1u << 29,
    CommonName = 1u << 30,
}

internal static class MatchReasonText
{
    private static readonly (MatchReasons Flag, string Text)[] Texts =
    [
        (MatchReasons.ANumberEqual, "A-number equal"),
        (MatchReasons.ANumberDiffers, "A-number differs"),
        (MatchReasons.FullNameEqual, "full name identical"),
        (MatchReasons.CommonName, "common name: an identical name alone is weak evidence"),
        (MatchReasons.FamilyEqual, "family name equal"),
        (MatchReasons.FamilyVariant, "family name spelling variant (transliteration)"),
        (MatchReasons.FamilySound, "family name sounds alike"),
        (MatchReasons.FamilyTypo, "family name spelled slightly differently"),
        (MatchReasons.FamilyNickname, "family name is a nickname form of"),
        (MatchReasons.GivenEqual, "given name equal"),
        (MatchReasons.GivenVariant, "given name spelling variant (transliteration)"),
        (MatchReasons.GivenNickname, "given name is a nickname of"),
        (MatchReasons.GivenSound, "given name sounds alike"),
        (MatchReasons.GivenTypo, "given name spelled slightly differently"),
        (MatchReasons.GivenInitial, "given name initial matches"),
        (MatchReasons.JoinedName, "name parts joined or split"),
        (MatchReasons.Alias, "matched through an alias"),
        (MatchReasons.Swapped, "given and family names swapped"),
        (MatchReasons.NamePartOtherField, "a name part is in the other field"),
        (MatchReasons.NamePartMissing, "a name part is missing on one side"),
        (MatchReasons.GivenDiffers, "given names differ"),
        (MatchReasons.FamilyDiffers, "family names differ"),
        (MatchReasons.NamesDiffer, "names differ"),
        (MatchReasons.BirthDateEqual, "birth date equal"),
        (MatchReasons.BirthDaySwapped, "birth date day and month swapped"),
        (MatchReasons.BirthYearOffByOne, "birth year differs by one"),
        (MatchReasons.BirthYearMonthEqual, "birth year and month equal"),
        (MatchReasons.BirthYearEqual, "birth year equal"),
        (MatchReasons.BirthDayMonthEqual, "birth day and month equal, year differs"),
        (MatchReasons.BirthDateDiffers, "birth date differs"),
        (MatchReasons.BirthDateMissing, "birth date missing on one side"),
    ];

    public static IReadOnlyList<string> ToText(MatchReasons reasons)
    {
        var list = new List<string>(6);
        foreach (var (flag, text) in Texts)
        {
            if ((reasons & flag) != 0)
            {
                list.Add(text);
            }
        }

        return list;
    }
}
