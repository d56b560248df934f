using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.People;

/// <summary>
/// A person the program has recorded: a client, a person related to a matter, or a party imported from a
/// program's history. Parties of closed cases and former clients stay searchable by the conflict check.
/// </summary>
public sealed class Party : Entity
{
    private Party()
    {
        Role = string.Empty;
        GivenNames = string.Empty;
    }

    public Party(Guid organisationId, string role, string givenNames, IReadOnlyList<string> familyNames,
        IReadOnlyList<string> aliases, PartialDate? dateOfBirth, ANumber? aNumber, DateTime createdAtUtc)
    {
        CheckRule(string.IsNullOrWhiteSpace(givenNames) && familyNames.All(string.IsNullOrWhiteSpace),
            "PartyNameRequired", "A party needs a given name or a family name.");
        CheckRule(string.IsNullOrWhiteSpace(role), "PartyRoleRequired", "A party needs a role.");
        OrganisationId = organisationId;
        Role = role;
        GivenNames = givenNames.Trim();
        FamilyNames = [.. familyNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim())];
        Aliases = [.. aliases.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim())];
        DateOfBirth = dateOfBirth;
        ANumber = aNumber;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid OrganisationId { get; private set; }

    /// <summary>The case (matter) this party belongs to, when it was recorded at intake.</summary>
    public Guid? CaseId { get; private set; }

    /// <summary>The case reference: ours for intake, the program's own for imported parties.</summary>
    public string? CaseReference { get; private set; }

    /// <summary><c>client</c>, a relationship such as <c>alleged_abuser</c>, or an imported role.</summary>
    public string Role { get; private set; }

    /// <summary>The id the program gave this party in the system it was imported from.</summary>
    public string? ExternalId { get; private set; }

    public string GivenNames { get; private set; }

    public List<string> FamilyNames { get; private set; } = [];

    public List<string> Aliases { get; private set; } = [];

    public PartialDate? DateOfBirth { get; private set; }

    public ANumber? ANumber { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? UpdatedAtUtc { get; private set; }

    /// <summary>True when the client's data key was destroyed: the personal fields are gone for good.</summary>
    public bool IsErased { get; private set; }

    /// <summary>Restores the personal fields after they were decrypted on load (persistence only).</summary>
    public void RestorePersonalData(string givenNames, IReadOnlyList<string> familyNames, IReadOnlyList<string> aliases,
        PartialDate? dateOfBirth, ANumber? aNumber)
    {
        GivenNames = givenNames;
        FamilyNames = [.. familyNames];
        Aliases = [.. aliases];
        DateOfBirth = dateOfBirth;
        ANumber = aNumber;
    }

    /// <summary>Marks the personal fields as erased (their data key was destroyed).</summary>
    public void MarkErased()
    {
        IsErased = true;
        GivenNames = string.Empty;
        FamilyNames = [];
        Aliases = [];
        DateOfBirth = null;
        ANumber = null;
    }

    public void AttachToCase(Guid caseId, string caseReference)
    {
        CaseId = caseId;
        CaseReference = caseReference;
    }

    /// <summary>Sets the fields that come from an import row; used for new rows and for re-imports of the same external id.</summary>
    public void ApplyImport(string externalId, string role, string givenNames, IReadOnlyList<string> familyNames,
        IReadOnlyList<string> aliases, PartialDate? dateOfBirth, ANumber? aNumber, string? caseReference, DateTime nowUtc)
    {
        CheckRule(string.IsNullOrWhiteSpace(externalId), "ExternalIdRequired", "An imported party needs an external id.");
        ExternalId = externalId.Trim();
        Role = role.Trim();
        GivenNames = givenNames.Trim();
        FamilyNames = [.. familyNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim())];
        Aliases = [.. aliases.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim())];
        DateOfBirth = dateOfBirth;
        ANumber = aNumber;
        CaseReference = string.IsNullOrWhiteSpace(caseReference) ? null : caseReference.Trim();
        if (CreatedAtUtc != default)
        {
            UpdatedAtUtc = nowUtc;
        }
        else
        {
            CreatedAtUtc = nowUtc;
        }
    }
}
