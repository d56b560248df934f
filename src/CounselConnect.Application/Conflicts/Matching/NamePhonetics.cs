using System.Text;

namespace CounselConnect.Application.Conflicts.Matching;

/// <summary>
/// A purpose-built phonetic code for the name families seen in removal proceedings (written for this project,
/// not a published algorithm). It maps a normalised token to a consonant skeleton:
/// <list type="bullet">
/// <item>vowels are dropped (a leading vowel becomes <c>A</c>); doubled letters count once;</item>
/// <item>b/p/f/v/w and ph -> <c>P</c> (Spanish b/v, Wade-Giles p for pinyin b, Russian -ov/-off/-ow);</item>
/// <item>k, q, hard c, hard g -> <c>K</c> (Wade-Giles k for pinyin g; "gue/gui" is hard);</item>
/// <item>t, d, th, dh -> <c>T</c> (Wade-Giles t for pinyin d);</item>
/// <item>s, z, soft c, sh, sch, ts, tz, initial x, initial hs before i/u -> <c>S</c> (pinyin x = Wade-Giles hs; z = ts);</item>
/// <item>j, zh, ch, dj, dzh, tch, soft g, qi, initial y/i before a vowel -> <c>J</c> (Zhang = Chang, Yusuf = Jusuf);</item>
/// <item>h counts at the start of a word, between vowels ("Mohammed") and between consonants (unvocalised Arabic
/// "mhmd"); it is silent before a consonant or at the end ("Ahmed" = "ahmd"); a medial kh follows the same
/// rule ("Mikhail" = "Mihail", "Akhmed" = "Ahmed");</item>
/// <item>ng -> <c>N</c> (Nguyen, Singh, Zhang); x elsewhere -> <c>KS</c> (Alexander = Aleksandr); l, m, n, r kept.</item>
/// </list>
/// Codes are at most 8 characters.
/// </summary>
public static class NamePhonetics
{
    public const int MaxLength = 8;

    /// <summary>The phonetic code of one normalised token (lower-case a-z); any other character is ignored.</summary>
    public static string Encode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var sb = new StringBuilder(MaxLength + 2);
        var s = token;
        var n = s.Length;
        var leadingVowel = false;
        var i = 0;
        char prevLetter = '\0';
        while (i < n && sb.Length < MaxLength)
        {
            var c = s[i];
            if (c is < 'a' or > 'z')
            {
                i++;
                continue;
            }

            if (c == prevLetter && c != 'x')
            {
                i++;
                continue;
            }

            prevLetter = c;
            var next = At(s, i + 1);
            var next2 = At(s, i + 2);
            var start = i == 0;
            var step = 1;
            switch (c)
            {
                case 'a' or 'e' or 'o' or 'u':
                    leadingVowel |= start;
                    break;
                case 'i' or 'y':
                    if (start && IsVowel(next) && next != c)
                    {
                        sb.Append('J');
                    }
                    else
                    {
                        leadingVowel |= start;
                    }

                    break;
                case 'b' or 'f' or 'v':
                    sb.Append('P');
                    break;
                case 'p':
                    sb.Append('P');
                    step = next == 'h' ? 2 : 1;
                    break;
                case 'w':
                    // "Chow", "Lowe": w after a vowel and not before one is a vowel.
                    if (i > 0 && IsVowel(s[i - 1]) && !IsVowel(next))
                    {
                        break;
                    }

                    sb.Append('P');
                    break;
                case 'c':
                    if (next == 'h')
                    {
                        sb.Append('J');
                        step = 2;
                    }
                    else if (next == 'k')
                    {
                        sb.Append('K');
                        step = 2;
                    }
                    else if (next == 'z')
                    {
                        sb.Append('J');
                        step = 2;
                    }
                    else
                    {
                        sb.Append(next is 'e' or 'i' or 'y' ? 'S' : 'K');
                    }

                    break;
                case 'g':
                    if (next == 'h')
                    {
                        sb.Append('K');
                        step = 2;
                    }
                    else if (next == 'u' && next2 is 'e' or 'i')
                    {
                        sb.Append('K');
                        step = 2;
                    }
                    else
                    {
                        sb.Append(next is 'e' or 'i' or 'y' ? 'J' : 'K');
                    }

                    break;
                case 'j':
                    sb.Append('J');
                    break;
                case 'k':
                    if (next == 'h')
                    {
                        if (start || KeepsH(s, i, i + 2))
                        {
                            sb.Append('H');
                        }

                        step = 2;
                    }
                    else
                    {
                        sb.Append('K');
                    }

                    break;
                case 'q':
                    if (next == 'u')
                    {
                        sb.Append('K');
                        step = 2;
                    }
                    else
                    {
                        sb.Append(next == 'i' ? 'J' : 'K');
                    }

                    break;
                case 'x':
                    if (start)
                    {
                        sb.Append('S');
                    }
                    else
                    {
                        sb.Append('K').Append('S');
                    }

                    break;
                case 's':
                    sb.Append('S');
                    if (next == 'c' && next2 == 'h')
                    {
                        step = 3;
                    }
                    else if (next is 'h' or 'z')
                    {
                        step = 2;
                    }

                    break;
                case 'z':
                    if (next == 'h')
                    {
                        sb.Append('J');
                        step = 2;
                    }
                    else
                    {
                        sb.Append('S');
                    }

                    break;
                case 't':
                    if (next == 'c' && next2 == 'h')
                    {
                        sb.Append('J');
                        step = 3;
                    }
                    else if (next is 's' or 'z')
                    {
                        sb.Append('S');
                        step = next2 == 'h' ? 3 : 2;
                    }
                    else
                    {
                        sb.Append('T');
                        step = next == 'h' ? 2 : 1;
                    }

                    break;
                case 'd':
                    if (next == 'z' && next2 == 'h')
                    {
                        sb.Append('J');
                        step = 3;
                    }
                    else if (next == 'j')
                    {
                        sb.Append('J');
                        step = 2;
                    }
                    else
                    {
                        sb.Append('T');
                        step = next == 'h' ? 2 : 1;
                    }

                    break;
                case 'h':
                    if (start)
                    {
                        if (next == 's' && next2 is 'i' or 'u')
                        {
                            sb.Append('S');
                            step = 2;
                        }
                        else
                        {
                            sb.Append('H');
                        }
                    }
                    else
                    {
                        // Kept between vowels ("Mohammed") and between consonants (unvocalised "mhmd");
                        // silent before a consonant or at the end ("Ahmed", "Shah", "Singh").
                        if (KeepsH(s, i, i + 1))
                        {
                            sb.Append('H');
                        }
                    }

                    break;
                case 'n':
                    sb.Append('N');
                    step = next == 'g' ? 2 : 1;
                    break;
                case 'l':
                    sb.Append('L');
                    break;
                case 'm':
                    sb.Append('M');
                    break;
                case 'r':
                    sb.Append('R');
                    break;
                default:
                    break;
            }

            if (step > 1)
            {
                prevLetter = s[i + step - 1];
            }

            i += step;
        }

        if (leadingVowel)
        {
            sb.Insert(0, 'A');
        }

        if (sb.Length > MaxLength)
        {
            sb.Length = MaxLength;
        }

        return sb.ToString();
    }

    // An h (or medial kh) at index i, followed by the letter at index after, is heard between vowels and
    // between consonants; it is silent before a consonant or at the end.
    private static bool KeepsH(string s, int i, int after)
    {
        var prevVowel = IsVowel(s[i - 1]);
        var next = At(s, after);
        var nextVowel = IsVowel(next);
        return (prevVowel && nextVowel) || (!prevVowel && !nextVowel && next != '\0');
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
}
