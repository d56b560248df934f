namespace CounselConnect.Application.Conflicts.Matching;

/// <summary>
/// A rough prior for how common a name is, used until (and blended with) the index's own key counts.
/// The lists hold names that are very common in the populations the programs serve; the figures are
/// deliberately coarse (about 1 in 100 for a listed name, 1 in 2,000 for any other).
/// </summary>
internal static class CommonNames
{
    public const double Common = 0.01;
    public const double Other = 0.0005;

    private static readonly HashSet<string> Names = new(
        ("garcia hernandez martinez lopez gonzalez rodriguez perez sanchez ramirez cruz flores gomez morales vasquez "
        + "reyes jimenez torres diaz gutierrez ruiz mendoza aguilar ortiz castillo romero alvarez chavez rivera juarez "
        + "ramos dominguez vargas castro mendez guzman fernandez herrera medina lopes silva santos oliveira souza pereira "
        + "costa ferreira alves jean pierre joseph louis charles baptiste francois st michel paul jacques "
        + "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin "
        + "singh kaur kumar sharma gill sandhu sidhu dhillon "
        + "mohammed ahmed ali hassan hussein mahmoud ibrahim abdullah khan omar yusuf "
        + "ivanov smirnov kuznetsov popov shevchenko kovalenko bondarenko melnyk "
        + "nguyen tran le pham hoang phan vu vo dang bui do ho ngo duong ly van thi "
        + "smith johnson williams brown jones miller davis wilson anderson taylor thomas moore "
        + "jose juan maria luis carlos jesus francisco antonio manuel pedro miguel ana rosa guadalupe "
        + "john james michael robert david mary william elizabeth aleksandr sergei olga natalia").Split(' '),
        StringComparer.Ordinal);

    public static double PriorFrequency(string canonical) => Names.Contains(canonical) ? Common : Other;
}
