namespace CounselConnect.Application.Conflicts.Matching;

/// <summary>
/// Common nicknames and diminutives (English, Spanish, Portuguese, French, Russian/Ukrainian, Arabic) and the
/// formal names they stand for. Written by hand for this project; entries are normalised (lower-case ASCII).
/// </summary>
public static class Nicknames
{
    // "nickname: formal formal ..." — a nickname may stand for several formal names.
    private static readonly string[] Entries =
    [
        // Spanish
        "pepe: jose", "pepito: jose", "chepe: jose", "chema: jose", "josele: jose",
        "paco: francisco", "pancho: francisco", "curro: francisco", "paquito: francisco", "frank: francisco francis franklin",
        "lupe: guadalupe", "lupita: guadalupe",
        "chuy: jesus", "chucho: jesus", "chus: jesus",
        "nacho: ignacio",
        "rita: margarita", "marga: margarita",
        "alex: alejandro alexander alexandra alejandra aleksandr",
        "ale: alejandro alejandra",
        "memo: guillermo", "guille: guillermo",
        "lalo: eduardo", "edu: eduardo",
        "beto: alberto roberto humberto heriberto",
        "tono: antonio", "tonio: antonio", "tony: anthony antonio",
        "quique: enrique", "kike: enrique",
        "lencho: lorenzo",
        "nando: fernando", "fer: fernando fernanda",
        "rafa: rafael",
        "chava: salvador", "salva: salvador",
        "chela: graciela", "chelo: consuelo",
        "concha: concepcion", "conchita: concepcion", "connie: concepcion constance",
        "lola: dolores", "lolita: dolores",
        "lucha: luz", "maru: maria",
        "meche: mercedes", "mecha: mercedes",
        "pili: pilar",
        "charo: rosario", "chayo: rosario",
        "juancho: juan", "juanito: juan",
        "tere: teresa", "techa: teresa",
        "vicky: victoria", "vico: victor",
        "paty: patricia", "pati: patricia", "patty: patricia", "trish: patricia",
        "licha: alicia",
        "goyo: gregorio",
        "pepa: josefa", "fina: josefina", "chepa: josefa",
        "nico: nicolas",
        "santi: santiago",
        "manolo: manuel", "manu: manuel", "manny: manuel",
        "chalo: gonzalo",
        "lucho: luis",
        "pedrito: pedro",
        "chino: joaquin",
        "moncho: ramon", "mon: ramon",
        "toya: victoria",
        "chabela: isabel", "isa: isabel",
        "cuca: refugio", "cuco: refugio",
        "lety: leticia",
        "nena: elena",
        "cata: catalina",
        "rosi: rosa", "rosita: rosa",
        // Portuguese / Brazilian
        "ze: jose", "zeca: jose",
        "chico: francisco",
        "tonho: antonio",
        "quim: joaquim",
        // English
        "bill: william", "billy: william", "will: william", "willy: william", "liam: william",
        "mike: michael", "mikey: michael", "mickey: michael", "mick: michael",
        "bob: robert", "bobby: robert", "rob: robert", "robbie: robert", "bert: robert albert",
        "jim: james", "jimmy: james", "jamie: james",
        "dick: richard", "rick: richard", "ricky: richard ricardo", "rich: richard",
        "liz: elizabeth", "beth: elizabeth", "betty: elizabeth", "lisa: elizabeth", "eliza: elizabeth",
        "kate: katherine catherine", "katie: katherine catherine", "kathy: katherine catherine", "cathy: catherine",
        "peggy: margaret", "maggie: margaret", "meg: margaret",
        "tom: thomas", "tommy: thomas",
        "joe: joseph", "joey: joseph",
        "dan: daniel", "danny: daniel",
        "dave: david",
        "sam: samuel samantha",
        "ben: benjamin",
        "chris: christopher christian cristian christina",
        "nick: nicholas",
        "steve: steven stephen",
        "jenny: jennifer", "jen: jennifer",
        "andy: andrew", "drew: andrew",
        "ed: edward", "eddie: edward", "ted: edward",
        "jack: john", "johnny: john",
        "larry: lawrence",
        "matt: matthew",
        "pat: patrick patricia",
        "sue: susan", "susie: susan",
        "tony: anthony",
        "jon: jonathan",
        "greg: gregory",
        "ron: ronald",
        "don: donald",
        "charlie: charles", "chuck: charles",
        "hank: henry", "harry: henry",
        "becky: rebecca",
        "abby: abigail",
        "debbie: deborah",
        "vicki: victoria",
        "manny: manuel",
        // French / Haitian
        "ti jean: jean", "jeannot: jean",
        "manno: emmanuel",
        // Russian / Ukrainian diminutives
        "sasha: aleksandr alexandra", "shura: aleksandr alexandra",
        "dima: dmitri",
        "kolya: nikolai",
        "volodya: vladimir", "vova: vladimir",
        "misha: mikhail",
        "seryozha: sergei", "serezha: sergei",
        "zhenya: yevgeny",
        "natasha: natalia",
        "katya: ekaterina",
        "masha: maria",
        "tanya: tatiana",
        "olya: olga",
        "lena: elena",
        "yura: yuri",
        "vanya: ivan",
        "lesha: aleksei", "alyosha: aleksei",
        "pasha: pavel",
        "petya: pyotr",
        "nastya: anastasia",
        "sveta: svetlana",
        "luda: lyudmila",
        // Arabic
        "mo: mohammed", "hamoud: mohammed", "hamada: mohammed",
        "abdo: abdullah", "aboud: abdullah",
    ];

    private static readonly Dictionary<string, string[]> FormalsByNickname = BuildForward();
    private static readonly Dictionary<string, string[]> NicknamesByFormal = BuildReverse();

    private static Dictionary<string, string[]> BuildForward()
    {
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var nick = entry[..colon].Replace(" ", string.Empty, StringComparison.Ordinal);
            var formals = entry[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(NameVariants.Canonical);
            map[nick] = map.TryGetValue(nick, out var existing)
                ? existing.Concat(formals).Distinct(StringComparer.Ordinal).ToArray()
                : formals.Distinct(StringComparer.Ordinal).ToArray();
        }

        return map;
    }

    private static Dictionary<string, string[]> BuildReverse()
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (nick, formals) in FormalsByNickname)
        {
            foreach (var f in formals)
            {
                if (!map.TryGetValue(f, out var list))
                {
                    map[f] = list = [];
                }

                list.Add(nick);
            }
        }

        return map.ToDictionary(kv => kv.Key, kv => kv.Value.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The formal names (canonical spellings) a normalised nickname stands for; empty when it is not one.</summary>
    public static IReadOnlyList<string> FormalNamesOf(string token) =>
        FormalsByNickname.TryGetValue(token, out var formals) ? formals : [];

    /// <summary>The nicknames of a formal name (given in any spelling).</summary>
    public static IReadOnlyList<string> NicknamesOf(string formal) =>
        NicknamesByFormal.TryGetValue(NameVariants.Canonical(formal), out var nicks) ? nicks : [];

    /// <summary>
    /// True when one token is a nickname of the other, or both are nicknames of one formal name
    /// ("Bill" and "Will"). Spelling variants of the formal name count ("Misha" is a nickname of "Mykhailo").
    /// </summary>
    public static bool AreRelated(string a, string b)
    {
        var ca = NameVariants.Canonical(a);
        var cb = NameVariants.Canonical(b);
        var fa = FormalNamesOf(a);
        var fb = FormalNamesOf(b);
        foreach (var f in fa)
        {
            if (f == cb || fb.Contains(f))
            {
                return true;
            }
        }

        return fb.Contains(ca);
    }
}
