namespace CounselConnect.Application.Conflicts.Matching;

/// <summary>
/// Transliteration-equivalence folding: spellings of one name that differ only by romanisation system or
/// spelling habit (Mohammed / Muhammad / Mohamed, Aleksandr / Oleksandr / Alexander, Zhang / Chang,
/// Jiménez / Giménez / Ximénez, Yusuf / Youssef). Each group folds to its first member. Groups were written by
/// hand for this project from the romanisation rules of each language; they are not copied from any list.
/// </summary>
public static class NameVariants
{
    private static readonly string[] Groups =
    [
        // Arabic
        "mohammed muhammad mohamed mohammad mohamad muhammed mohamud mohd muhamed mouhamed mohammod mehmet mehmed",
        "ahmed ahmad ahmet akhmed ahmd",
        "hussein husain hussain husayn hossain hosein husein hussien",
        "hassan hasan hasaan",
        "yusuf youssef yousef yousif yusef yosef jusuf youcef yousuf iusuf",
        "abdullah abdallah abdulla abdalla abdellah",
        "osama usama oussama ussama",
        "omar umar omer",
        "othman uthman osman usman",
        "khaled khalid halid",
        "mahmoud mahmud mahmood",
        "mustafa mostafa moustafa mustapha",
        "ibrahim ebrahim ibraheem brahim",
        "ali aly",
        "said saeed saied sayid",
        "sayed sayyid syed saiyed",
        "fatima fatma fatimah fatouma",
        "aisha aicha ayesha aysha aixa",
        "khadija khadidja khadiga kadija hadiza",
        "hamza hamzah",
        "karim kareem",
        "rashid rasheed",
        "walid waleed",
        "tariq tarek tarik tareq",
        "yasin yassin yaseen yassine",
        "jamal gamal djamal",
        "nour noor nur",
        "zainab zeinab zaynab",
        "maryam mariam meryem",
        "suleiman sulaiman sulayman soliman",
        "ismail ismael esmail",
        "abdrahman abdrhmn",
        // Russian / Ukrainian / Belarusian
        "aleksandr alexander oleksandr alexandr aleksander aleksandar alexandre",
        "aleksei alexey alexei oleksiy oleksii aleksey oleksii alexej",
        "sergei sergey serhiy serhii sergiy sergii",
        "andrei andrey andriy andrii andrej",
        "dmitri dmitry dmytro dmitriy dimitri dimitry",
        "yevgeny evgeny evgenii yevhen evgeniy yevgeniy eugene",
        "mikhail mykhailo mihail mikhaylo",
        "nikolai nikolay mykola nikolaj",
        "vladimir volodymyr wladimir uladzimir",
        "olga olha",
        "yulia yuliya julia iuliia yuliia julija",
        "ekaterina yekaterina kateryna katerina",
        "elena yelena olena helena jelena",
        "natalia nataliya natalya natalija",
        "tatiana tatyana tetiana tatjana",
        "yuri yuriy iurii yurii jurij",
        "igor ihor",
        "oleg oleh",
        "grigory grigoriy hryhoriy grygoriy",
        "pavel pavlo",
        "pyotr petr petro",
        "vasily vasiliy vasyl",
        "anastasia anastasiya anastasija",
        "svetlana svitlana",
        "galina halyna",
        "lyudmila liudmyla ludmila",
        "shevchenko schevchenko",
        "kovalenko kowalenko",
        // Chinese: pinyin, Wade-Giles and common Cantonese spellings
        "zhang chang cheung",
        "wang wong",
        "li lee",
        "liu lau lew",
        "chen chan",
        "yang yeung",
        "huang hwang hoang",
        "zhao chao chiu",
        "zhou chou chow",
        "xu hsu tsui",
        "zhu chu",
        "guo kuo kwok",
        "he ho",
        "gao kao",
        "luo lo",
        "zheng cheng",
        "liang leung",
        "xie hsieh tse",
        "song sung",
        "feng fung",
        "deng teng",
        "cao tsao tso",
        "zeng tseng tsang",
        "xiao hsiao siu",
        "cai tsai choi",
        "jiang chiang",
        "qian chien",
        "qiu chiu",
        "xin hsin",
        "xiong hsiung",
        "zhi chih",
        "jun chun",
        "jie chieh",
        "jian chien",
        "zi tzu",
        // Spanish / Portuguese
        "jimenez gimenez ximenez",
        "jimena ximena",
        "javier xavier",
        "mejia mexia",
        "gonzalez gonzales",
        "yesenia jesenia",
        "souza sousa",
        "luis luiz",
        "teresa tereza theresa",
        "tomas thomas",
        "isabel izabel ysabel",
        "elisabeth elizabeth",
        "conceicao concepcion",
        "goncalves gonsalves",
        "rosario rosaria",
        // French / Haitian Creole spellings
        "pierre pyer",
        "louis lwi",
        "jacques jak",
        "francois franswa",
        "joseph jozef",
                "marie mari",
        // Punjabi
        "singh sing",
        "kaur kour",
        "gurpreet gurprit",
        "harpreet harprit",
        "manpreet manprit",
        "jaspreet jasprit",
        "harjeet harjit",
        "paramjeet paramjit",
        "kuldeep kuldip",
        "sandeep sandip",
        "pardeep pradeep pradip",
        "dhillon dhilon",
        // Vietnamese
        "nguyen nguyn ngyuen nguen",
        "duong zuong",
        "pham fam",
    ];

    private static readonly Dictionary<string, string> CanonicalByVariant = Build();

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            var members = group.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var m in members)
            {
                map.TryAdd(m, members[0]);
            }
        }

        return map;
    }

    /// <summary>The group's canonical spelling of a normalised token, or the token itself.</summary>
    public static string Canonical(string token) =>
        CanonicalByVariant.TryGetValue(token, out var canonical) ? canonical : token;

    /// <summary>True when the normalised token belongs to a spelling-variant group.</summary>
    public static bool IsInGroup(string token) => CanonicalByVariant.ContainsKey(token);

    /// <summary>True when two normalised tokens are spellings of one name.</summary>
    public static bool AreVariants(string a, string b) => string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);
}
