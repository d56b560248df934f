using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Organisations;

/// <summary>An office of an organisation; intake staff belong to one.</summary>
public sealed class Office : Entity
{
    private Office() { Name = string.Empty; TimeZone = "UTC"; }

    internal Office(Guid organisationId, string name, string timeZone)
    {
        CheckRule(string.IsNullOrWhiteSpace(name), "OfficeNameRequired", "An office needs a name.");
        CheckRule(string.IsNullOrWhiteSpace(timeZone), "OfficeTimeZoneRequired", "An office needs a time zone.");
        OrganisationId = organisationId;
        Name = name.Trim();
        TimeZone = timeZone;
    }

    public Guid OrganisationId { get; private set; }

    public string Name { get; private set; }

    /// <summary>IANA time zone id, e.g. America/New_York.</summary>
    public string TimeZone { get; private set; }
}
