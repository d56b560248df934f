using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Domain.People;

namespace CounselConnect.UnitTests.Conflicts;

/// <summary>
/// A deterministic synthetic population of parties for tests and benchmarks. Name lists are written by hand for
/// this project; names are drawn with a skewed (Zipf-like) distribution so a few names are very common, the
/// language mix loosely follows EOIR completions by language, and about a quarter of people get an invented
/// rare surname built from syllables, so the long tail of rare names exists too. Same seed, same people.
/// </summary>
public static class SyntheticPopulation
{
    private sealed record Family(string Name, int Weight, string[] Given, string[] Surnames, int SurnameCount, string[] Syllables);

    private static readonly Family[] Families =
    [
        new("spanish", 52,
            Split("José Juan Luis Carlos Jesús Francisco Miguel Pedro Ignacio Alejandro Guillermo Eduardo Roberto Fernando Rafael Salvador Enrique Javier Santiago Gonzalo Jorge Mario Ricardo Raúl Óscar Víctor Sergio Daniel Manuel Antonio Ángel Héctor Arturo Hugo Julio Ramón Rubén Alberto Armando Marco Erick Kevin Brayan Wilmer Elmer Nelson Edwin Selvin Mauricio Cristian María Guadalupe Margarita Rosario Dolores Concepción Mercedes Teresa Patricia Alicia Yesenia Ximena Isabel Graciela Leticia Josefina Catalina Luz Ana Rosa Carmen Gloria Verónica Claudia Sandra Marta Silvia Elena Adriana Karla Daniela Andrea Gabriela Paola Wendy Sonia Reina Blanca Dinora Esmeralda Maritza Yolanda Lorena"),
            Split("García Hernández Martínez López González Rodríguez Pérez Sánchez Ramírez Cruz Flores Gómez Jiménez Vásquez Reyes Gutiérrez Mendoza Castillo Chávez Juárez Domínguez Villalobos Quintero Bustamante Zepeda Arreola Ocampo Valenzuela Ibarra Montoya Morales Ortiz Torres Díaz Ruiz Aguilar Romero Álvarez Ramos Vargas Castro Méndez Guzmán Fernández Herrera Medina Rivera Moreno Jiménez Salazar Contreras Estrada Figueroa Cortés Delgado Mejía Orellana Portillo Argueta Escobar Alvarado Guerrero Navarro Sandoval Cabrera Campos Cardona Solís Miranda Padilla Velásquez Santos Maldonado Rosales Molina Lara Carrillo Espinoza Fuentes Acosta Pineda Zelaya Hidalgo Cáceres Benítez Peña Ayala Avila Barrera Cervantes Trejo Paredes Galindo Serrano Beltrán Vega Coronado Nájera Osorio Tapia Barrios Lemus Funes Murillo Bonilla Chicas Umaña"),
            2, Split("mar ti nez bar ra gan do val le jo sa la zar que ro cas ta ne da")),
        new("mayan", 8,
            Split("Juan Pedro Domingo Mateo Diego Baltazar Gaspar Sebastián Marcos Andrés Francisco Tomás Lucas María Juana Rosa Catarina Magdalena Petrona Manuela Francisca Micaela Candelaria Santos"),
            Split("Tzoc Xol Caal Choc Coc Tiul Ixcoy Chiquin Ajanel Yat Cac Pop Tzul Batz Sic Quej Tum Cux Chocooj Bol Pérez López Gómez Ramírez Ixchop Tojin Cuc Macario Chun Ical Xicay Ajpop Tecum Quiej Mux Saquic Yac Xiloj Us Poou"),
            2, Split("tz o ch x cu ix aj ba lam qu ic")),
        new("portuguese", 6,
            Split("João José Antônio Francisco Paulo Lucas Gabriel Rafael Thiago Luiz Marcos Pedro Ana Maria Francisca Antônia Adriana Juliana Márcia Fernanda Tereza Conceição Aline Jéssica Patrícia"),
            Split("Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Ribeiro Carvalho Gonçalves Araújo Cavalcanti Nascimento Moreira Barbosa Costa Martins Rocha Almeida Dias Teixeira Mendes Freitas Cardoso Campos"),
            2, Split("ca ma ra lho es ta vo ga dei ro")),
        new("haitian", 6,
            Split("Jean Jean-Baptiste Pierre Jacques Louis Joseph Wilner Frantz Jean-Claude Dieudonné Emmanuel Ricardo Jean-Robert Wilson Marie Marie-Claude Rose-Marie Nadège Guerline Fabiola Mirlande Wideline Roseline Islande Mackenson Woodly Kerline"),
            Split("Jean-Baptiste Pierre Joseph Louis Charles Saint-Fleur Exantus Desir Cherilus Célestin Dorvil Jean-Louis Petit-Frère Toussaint Délva Augustin Estimé Bien-Aimé Fils-Aimé Sénatus Jean-Pierre François Michel Paul Jacques Noël Etienne Dorcé Laguerre Théodore"),
            1, Split("dor vil sai nt lu ce ti me ra us")),
        new("mandarin", 5,
            Split("Wei Jun Qiang Ming Xiaoming Jianguo Zhiwei Hao Jie Xin Fang Jing Xiuying Li Xiaoli Yan Mei Hui Qing Ying Lei Tao Bin Yong Lin Na Hong"),
            Split("Zhang Wang Li Liu Chen Yang Huang Zhao Zhou Xu Zhu Guo Zheng Xie Cao Jiang Qian Xiao Cai Zeng Wu Sun Ma Hu Lin He Gao Luo Song Tang Han Feng Deng Peng Lu"),
            1, Split("zh ang xi ao qi u")),
        new("punjabi", 4,
            Split("Gurpreet Harpreet Manpreet Jaspreet Amandeep Sukhwinder Kulwinder Baljit Paramjit Harjit Kuldeep Sandeep Rajwinder Simranjit Navneet Gurjit Jaswinder Lovepreet Arshdeep"),
            Split("Sandhu Gill Sidhu Dhillon Grewal Brar Randhawa Bains Virk Cheema Mann Bajwa Sekhon Toor Dhaliwal Johal"),
            1, Split("dh al iw ja hal se kh")),
        new("arabic", 5,
            Split("Mohammed Ahmed Abdul-Rahman Youssef Omar Khaled Mahmoud Hussein Osama Abdullah Ibrahim Mustafa Tariq Ali Hassan Karim Walid Fatima Aisha Mariam Khadija Zainab Nour Layla Huda Amira Rania Salma"),
            Split("Al-Hassan Hussein El-Sayed Abdullah Mahmoud Ibrahim Haddad Khalil Nasser Mansour Al-Masri Al-Rashid Saleh Qasim Abdel-Aziz Al-Tamimi Darwish Barakat Hamdan Yassin Odeh Khoury Suleiman Mustafa Ismail"),
            1, Split("al ha sh ra mi di qa")),
        new("slavic", 4,
            Split("Aleksandr Sergei Andrei Dmitri Mikhail Nikolai Vladimir Yevgeny Oleg Igor Pavel Yuri Ivan Maksim Olga Yulia Ekaterina Elena Natalia Tatiana Svetlana Anastasia Galina Irina Oksana"),
            Split("Ivanov Petrov Smirnov Kuznetsov Popov Morozov Volkov Sokolov Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Lysenko Hrytsenko Koval Oliynyk Boyko Moroz Pavlenko Savchenko"),
            1, Split("ko va len ch en ov sk iy")),
        new("vietnamese", 3,
            Split("Văn Anh;Văn Hùng;Minh Tuấn;Quang Huy;Đức Thắng;Văn Nam;Thành Long;Thị Lan;Thị Hương;Thị Mai;Ngọc Ánh;Thu Trang;Thị Hoa;Kim Liên", ';'),
            Split("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Ngô Dương Lý"),
            1, Split("ng uy en tr an")),
        new("english", 7,
            Split("William Michael Robert James Richard Thomas Joseph Daniel David Christopher Steven Anthony John Mark Paul Elizabeth Katherine Margaret Jennifer Patricia Susan Rebecca Deborah Mary Linda Sarah Karen"),
            Split("Brown Smith Johnson Williams Jones Miller Davis Wilson Thompson Anderson O'Brien McDonald Fitzgerald Whitaker Gallagher Pennington Taylor Moore Jackson White Harris Martin Clark Lewis Walker Hall Allen Young King Wright"),
            1, Split("ton ley wood ford ham ing er son")),
    ];

    private static readonly int TotalWeight = Families.Sum(f => f.Weight);

    private static string[] Split(string s, char separator = ' ') => s.Split(separator, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Generates <paramref name="count"/> parties; the same seed gives the same parties.</summary>
    public static IEnumerable<PartyRecord> Generate(int count, int seed)
    {
        var rng = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return Next(rng);
        }
    }

    private static PartyRecord Next(Random rng)
    {
        var family = PickFamily(rng);
        var given = new List<string> { Skewed(rng, family.Given) };
        if (family.Name is "spanish" or "portuguese" && rng.NextDouble() < 0.35)
        {
            var second = Skewed(rng, family.Given);
            if (second != given[0])
            {
                given.Add(second);
            }
        }

        var surnames = new List<string>();
        if (family.Name == "punjabi")
        {
            surnames.Add(rng.NextDouble() < 0.5 ? "Singh" : "Kaur");
            if (rng.NextDouble() < 0.8)
            {
                surnames.Add(Skewed(rng, family.Surnames));
            }
        }
        else
        {
            while (surnames.Count < family.SurnameCount)
            {
                var s = rng.NextDouble() < 0.25 ? Invent(rng, family.Syllables) : Skewed(rng, family.Surnames);
                if (!surnames.Contains(s))
                {
                    surnames.Add(s);
                }
            }
        }

        if (family.Name is "spanish" or "mayan" && rng.NextDouble() < 0.08)
        {
            surnames.RemoveAt(surnames.Count - 1);
        }

        var aliases = rng.NextDouble() < 0.05 ? new[] { Skewed(rng, family.Given) + " " + surnames[0] } : [];
        var dob = RandomDob(rng);
        ANumber? aNumber = rng.NextDouble() < 0.55 ? ANumber.FromValue(rng.Next(10_000_000, 999_999_999)) : null;
        return new PartyRecord(NextGuid(rng), given, surnames, aliases, dob, aNumber);
    }

    /// <summary>A query for <paramref name="p"/> with one or two everyday variations (for benchmarks).</summary>
    public static ConflictQuery VariantQuery(PartyRecord p, Random rng)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(rng);
        var given = p.GivenNames.ToList();
        var family = p.FamilyNames.ToList();
        switch (rng.Next(5))
        {
            case 0 when family.Count > 1:
                family.RemoveAt(rng.Next(family.Count));
                break;
            case 1:
                (given, family) = (family, given);
                break;
            case 2:
                family[0] = Typo(family[0], rng);
                break;
            case 3:
                given[0] = Typo(given[0], rng);
                break;
            default:
                break;
        }

        var dob = p.DateOfBirth;
        if (dob is { } d && rng.NextDouble() < 0.2)
        {
            dob = PartialDate.Create(Math.Min(d.Year + 1, DateTime.UtcNow.Year), d.Month, d.Month is null ? null : Math.Min(d.Day ?? 1, 28));
        }

        return new ConflictQuery(given, family, [], dob, rng.NextDouble() < 0.2 ? p.ANumber : null);
    }

    /// <summary>A fresh person from the same lists, not meant to be in any index (for "absent" queries).</summary>
    public static ConflictQuery AbsentQuery(Random rng)
    {
        var p = Next(rng);
        return new ConflictQuery(p.GivenNames, p.FamilyNames, [], p.DateOfBirth ?? PartialDate.Create(1980 + rng.Next(20)), null);
    }

    private static string Typo(string word, Random rng)
    {
        if (word.Length < 5)
        {
            return word;
        }

        var i = 1 + rng.Next(word.Length - 2);
        return rng.Next(2) == 0 ? word.Remove(i, 1) : word[..i] + word[i + 1] + word[i] + word[(i + 2)..];
    }

    private static Family PickFamily(Random rng)
    {
        var r = rng.Next(TotalWeight);
        foreach (var f in Families)
        {
            if (r < f.Weight)
            {
                return f;
            }

            r -= f.Weight;
        }

        return Families[0];
    }

    // Zipf-like: index k chosen with weight about 1/(k+1).
    private static string Skewed(Random rng, string[] items)
    {
        var harmonic = Math.Log(items.Length + 1);
        var k = (int)Math.Floor(Math.Exp(rng.NextDouble() * harmonic)) - 1;
        return items[Math.Clamp(k, 0, items.Length - 1)];
    }

    private static string Invent(Random rng, string[] syllables)
    {
        var n = 2 + rng.Next(2);
        var s = string.Concat(Enumerable.Range(0, n).Select(_ => syllables[rng.Next(syllables.Length)]));
        return char.ToUpperInvariant(s[0]) + s[1..];
    }

    private static PartialDate? RandomDob(Random rng)
    {
        var r = rng.NextDouble();
        var year = 1950 + rng.Next(63);
        var month = 1 + rng.Next(12);
        var day = 1 + rng.Next(28);
        return r switch
        {
            < 0.70 => PartialDate.Create(year, month, day),
            < 0.85 => PartialDate.Create(year),
            < 0.92 => PartialDate.Create(year, month),
            _ => null,
        };
    }

    private static Guid NextGuid(Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes);
    }
}
