using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Organisations;

/// <summary>A legal-aid organisation or pro bono network running an access-to-counsel program.</summary>
public sealed class Organisation : Entity
{
    private readonly List<Office> _offices = [];

    private Organisation() { Name = string.Empty; }

    public Organisation(string name)
    {
        CheckRule(string.IsNullOrWhiteSpace(name), "OrganisationNameRequired", "An organisation needs a name.");
        Name = name.Trim();
    }

    public string Name { get; private set; }

    public IReadOnlyCollection<Office> Offices => _offices;

    public Office AddOffice(string name, string timeZone)
    {
        CheckRule(_offices.Exists(o => string.Equals(o.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)),
            "OfficeNameUnique", "An office with this name already exists in the organisation.");
        var office = new Office(Id, name, timeZone);
        _offices.Add(office);
        return office;
    }
}
