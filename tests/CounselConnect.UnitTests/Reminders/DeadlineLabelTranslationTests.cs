using System.Xml.Linq;
using CounselConnect.Domain.Deadlines;

namespace CounselConnect.UnitTests.Reminders;

/// <summary>The attorney pages show each deadline's rule name through the page's localizer: every rule needs its Spanish.</summary>
public sealed class DeadlineLabelTranslationTests
{
    [Theory]
    [InlineData("Case")]
    [InlineData("Cases")]
    [InlineData("Calendar")]
    public void Every_deadline_rule_name_has_a_Spanish_label_on_the_attorney_page(string page)
    {
        var path = Path.Combine(RepositoryRoot(), "src", "CounselConnect.Web", "Resources", "Pages", "Attorney", $"{page}.es.resx");
        var entries = XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value"));
        var names = EoirDeadlineRules.All.Select(r => r.Name).Distinct().ToList();
        Assert.NotEmpty(names);
        Assert.All(names, name =>
        {
            Assert.True(entries.TryGetValue(name, out var spanish), $"{page}.es.resx has no entry for \"{name}\"");
            Assert.False(string.IsNullOrWhiteSpace(spanish));
            Assert.NotEqual(name, spanish);
        });
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CounselConnect.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CounselConnect.sln not found above the test's folder.");
    }
}
