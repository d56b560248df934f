using Microsoft.AspNetCore.Identity;

namespace CounselConnect.Infrastructure.Identity;

/// <summary>A person who signs in: intake staff, attorney, program manager or administrator.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>
{
    public ApplicationUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public string DisplayName { get; set; } = string.Empty;

    public Guid? OrganisationId { get; set; }

    public Guid? OfficeId { get; set; }

    public bool IsDisabled { get; set; }
}
