namespace CounselConnect.Application.Common.Interfaces;

public sealed record UserSummary(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, Guid? OfficeId,
    bool TwoFactorEnabled, bool IsDisabled, bool IsLockedOut);

/// <summary>
/// Account administration over ASP.NET Core Identity, with token revocation when access shrinks. The changes save
/// through the application's database context, so a caller's transaction (and its audit entries) covers them.
/// </summary>
public interface IUserAdministration
{
    Task<(IReadOnlyList<UserSummary> Items, int Total)> ListAsync(Guid organisationId, int page, int pageSize, CancellationToken ct);

    /// <summary>Creates a user; returns the new id, or the password-policy or uniqueness problems.</summary>
    Task<(Guid? Id, IReadOnlyList<string> Errors)> CreateAsync(Guid organisationId, string email, string displayName, string role,
        Guid? officeId, string password, CancellationToken ct);

    /// <summary>Replaces the user's roles; when a role is removed, revokes the user's tokens and sessions.</summary>
    Task<UserSummary?> SetRolesAsync(Guid organisationId, Guid userId, IReadOnlyList<string> roles, CancellationToken ct);

    /// <summary>Disables the account, ends its sessions and revokes every token issued to it.</summary>
    Task<UserSummary?> DisableAsync(Guid organisationId, Guid userId, CancellationToken ct);

    /// <summary>Enables a disabled account again: it can sign in with its password (lockout and failed attempts reset).</summary>
    Task<UserSummary?> EnableAsync(Guid organisationId, Guid userId, CancellationToken ct);

    /// <summary>One account of the organisation, or null.</summary>
    Task<UserSummary?> FindAsync(Guid organisationId, Guid userId, CancellationToken ct);

    /// <summary>How many accounts of the organisation hold the Administrator role and are not disabled.</summary>
    Task<int> CountActiveAdministratorsAsync(Guid organisationId, CancellationToken ct);
}
