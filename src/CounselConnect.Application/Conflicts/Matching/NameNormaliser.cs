using System.Globalization;
using System.Text;
using AnyAscii;

namespace CounselConnect.Application.Conflicts.Matching;

/// <summary>
/// Turns one name field as typed (any script) into lower-case ASCII tokens: non-Latin scripts are transliterated
/// (AnyAscii; each Chinese character becomes its own syllable), diacritics and Arabic vowel marks dropped,
/// apostrophes removed ("O'Brien" = "OBrien"), hyphens and other punctuation treated as spaces, Spanish and
/// Portuguese particles ("de", "del", "de la", "y", "da", "dos") and Arabic articles ("al-", "el-", "ash-")
/// dropped, and "Abdul Rahman" / "Abdulrahman" / "Abd al-Rahman" / "Abdurrahman" joined to one token.
/// </summary>
public static class NameNormaliser
{
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "de", "del", "la", "las", "los", "da", "das", "do", "dos", "du", "des", "di", "della",
        "al", "el", "ul", "bin", "ibn", "bint",
    };

    // Sun-letter forms of the Arabic article: dropped when the next token starts with the assimilated letter.
    private static readonly string[] AssimilatedArticles = ["ash", "ath", "adh", "ar", "as", "ad", "an", "at", "az", "al"];

    private static readonly string[] AbdPrefixes = ["abdoul", "abdul", "abdel", "abdal", "abdil", "abdol", "abdou", "abdur", "abdu", "abd"];

    // Names written with an attached article ("Alhassan", "Elsayed"); the article is dropped only before these.
    private static readonly HashSet<string> ArabicStems = new(StringComparer.Ordinal)
    {
        "hassan", "hasan", "hussein", "husseini", "husaini", "sayed", "sayyid", "masri", "amin", "amri", "ahmad",
        "rashid", "khalil", "khatib", "hashimi", "hashemi", "zahrani", "qahtani", "shami", "hakim", "haddad",
        "najjar", "jabari", "tamimi", "harbi", "otaibi", "ghamdi", "mansour", "mansouri", "mahdi", "baghdadi",
        "obeidi", "azhari", "shehri", "qasim", "kasim", "nasser", "nasr", "faraj", "sharif", "bashir", "hajj",
        "khouri", "kurdi", "saadi", "jaziri", "maliki", "mutairi", "dosari", "abbasi", "attar", "bakri",
    };

    /// <summary>Normalised tokens of one name field, in order.</summary>
    public static IReadOnlyList<string> Tokens(string? raw)
    {
        var tokens = new List<string>(4);
        AddTokens(raw, tokens);
        return tokens;
    }

    /// <summary>All normalised tokens of a name written as one string, joined by single spaces.</summary>
    public static string Normalise(string? raw) => string.Join(' ', Tokens(raw));

    internal static void AddTokens(string? raw, List<string> output)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return;
        }

        var ascii = ToAscii(raw, out var arabicScript);
        var tokens = Split(ascii, arabicScript);
        if (tokens.Count == 0)
        {
            return;
        }

        RemoveParticles(tokens);
        JoinAbdCompounds(tokens);
        output.AddRange(tokens);
    }

    private static string ToAscii(string raw, out bool arabicScript)
    {
        arabicScript = false;
        var sb = new StringBuilder(raw.Length + 8);
        var run = new StringBuilder();
        foreach (var rune in raw.EnumerateRunes())
        {
            var v = rune.Value;
            if (v < 0x80)
            {
                FlushRun(run, sb);
                sb.Append((char)v);
                continue;
            }

            if (IsArabicMark(v))
            {
                continue;
            }

            if (v is (>= 0x0600 and <= 0x06FF) or (>= 0x0750 and <= 0x077F) or (>= 0xFB50 and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF))
            {
                arabicScript = true;
            }

            if (IsSyllabicScript(v))
            {
                FlushRun(run, sb);
                sb.Append(' ').Append(rune.ToString().Transliterate()).Append(' ');
                continue;
            }

            // Other scripts are transliterated a run at a time: Indic vowel signs depend on their neighbours.
            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.NonSpacingMark && v < 0x0900)
            {
                continue;
            }

            run.Append(rune.ToString());
        }

        FlushRun(run, sb);
        return sb.ToString();
    }

    private static void FlushRun(StringBuilder run, StringBuilder output)
    {
        if (run.Length > 0)
        {
            output.Append(run.ToString().Transliterate());
            run.Clear();
        }
    }

    private static bool IsArabicMark(int v) => v is (>= 0x064B and <= 0x065F) or 0x0670 or 0x0640;

    // Han, kana and Hangul: each character is one syllable, so each becomes its own token.
    private static bool IsSyllabicScript(int v) =>
        v is (>= 0x3040 and <= 0x30FF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF)
            or (>= 0xAC00 and <= 0xD7AF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x2FA1F);

    private static List<string> Split(string ascii, bool arabicScript)
    {
        var tokens = new List<string>(4);
        var current = new StringBuilder(16);
        var tokenStart = true;
        foreach (var ch in ascii)
        {
            if (ch is >= 'A' and <= 'Z' or >= 'a' and <= 'z')
            {
                current.Append(char.ToLowerInvariant(ch));
                tokenStart = false;
            }
            else if (ch is '\'' or '`' or '\u2019' or '\u02BC' or '\u02BB')
            {
                // Apostrophes join ("O'Brien"); in Arabic script a leading hamza/ayn stands for a vowel.
                if (tokenStart && arabicScript)
                {
                    current.Append('a');
                    tokenStart = false;
                }
            }
            else
            {
                Flush(current, tokens, arabicScript);
                tokenStart = true;
            }
        }

        Flush(current, tokens, arabicScript);
        return tokens;
    }

    private static void Flush(StringBuilder current, List<string> tokens, bool arabicScript)
    {
        if (current.Length == 0)
        {
            return;
        }

        var token = current.ToString();
        current.Clear();

        // Unvocalised Arabic article: "lhsn" (al-Hasan) -> "hsn".
        if (arabicScript && token.Length >= 4 && token[0] == 'l' && !IsVowel(token[1]))
        {
            token = token[1..];
        }

        tokens.Add(token);
    }

    private static void RemoveParticles(List<string> tokens)
    {
        if (tokens.Count < 2)
        {
            StripAttachedArticle(tokens);
            return;
        }

        var kept = new List<string>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var hasNext = i + 1 < tokens.Count;
            var inner = i > 0 && hasNext;
            if (Particles.Contains(t) && hasNext)
            {
                continue;
            }

            if ((t is "y" or "e") && inner)
            {
                continue;
            }

            if (hasNext && Array.IndexOf(AssimilatedArticles, t) >= 0 && t.Length >= 2 && tokens[i + 1].StartsWith(t[1..], StringComparison.Ordinal))
            {
                continue;
            }

            kept.Add(t);
        }

        if (kept.Count == 0)
        {
            return;
        }

        tokens.Clear();
        tokens.AddRange(kept);
        StripAttachedArticle(tokens);
    }

    private static void StripAttachedArticle(List<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Length >= 6 && (t.StartsWith("al", StringComparison.Ordinal) || t.StartsWith("el", StringComparison.Ordinal)))
            {
                var rest = t[2..];
                if (ArabicStems.Contains(rest))
                {
                    tokens[i] = rest;
                }
            }
        }
    }

    private static void JoinAbdCompounds(List<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (!t.StartsWith("abd", StringComparison.Ordinal))
            {
                continue;
            }

            if (Array.IndexOf(AbdPrefixes, t) >= 0)
            {
                if (i + 1 < tokens.Count && tokens[i + 1].Length >= 3)
                {
                    tokens[i] = "abd" + StripLeadingArticle(tokens[i + 1]);
                    tokens.RemoveAt(i + 1);
                }

                continue;
            }

            var stem = AbdStem(t);
            if (stem is not null)
            {
                tokens[i] = "abd" + stem;
            }
        }
    }

    private static string StripLeadingArticle(string t) =>
        t.Length >= 6 && (t.StartsWith("al", StringComparison.Ordinal) || t.StartsWith("el", StringComparison.Ordinal)) ? t[2..] : t;

    // "abdulrahman" -> "rahman", "abdurrahman" -> "rahman", "abdelaziz" -> "aziz"; null when no clear stem.
    private static string? AbdStem(string t)
    {
        foreach (var prefix in AbdPrefixes)
        {
            if (!t.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = t[prefix.Length..];
            if (rest.Length >= 2 && rest[0] == rest[1] && !IsVowel(rest[0]))
            {
                rest = rest[1..];
            }

            return rest.Length >= 4 && !rest.StartsWith("lah", StringComparison.Ordinal) && !rest.StartsWith("llah", StringComparison.Ordinal)
                ? rest
                : null;
        }

        return null;
    }

    internal static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
