using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Common.Security;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace CounselConnect.Infrastructure.Identity;

/// <summary>
/// Account administration. Whenever access shrinks (a role removed, an account disabled) the security stamp is
/// renewed (sign-in cookies stop within a minute) and every token and authorization issued to the user is
/// revoked (access tokens are checked against the token store on each request, so they stop at once).
/// Identity's and OpenIddict's stores save through the request's <see cref="AppDbContext"/>, so a transaction the
/// caller opened on it (the application's handlers open one, with the audit entry) covers every save made here; a
/// failed Identity step throws, so that transaction is rolled back rather than left half done.
/// </summary>
public sealed class UserAdministration(
    AppDbContext db,
    UserManager<ApplicationUser> users,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    ILogger<UserAdministration> logger) : IUserAdministration
{
    public async Task<(IReadOnlyList<UserSummary> Items, int Total)> ListAsync(Guid organisationId, int page, int pageSize, CancellationToken ct)
    {
        var query = users.Users.Where(u => u.OrganisationId == organisationId);
        var total = await query.CountAsync(ct);
        var page1 = await query.OrderBy(u => u.Email).Skip((page - 1) * Math.Min(pageSize, 10_000)).Take(Math.Min(pageSize, 10_000)).ToListAsync(ct);
        var items = new List<UserSummary>(page1.Count);
        foreach (var user in page1)
        {
            items.Add(await SummaryAsync(user));
        }

        return (items, total);
    }

    public async Task<(Guid? Id, IReadOnlyList<string> Errors)> CreateAsync(Guid organisationId, string email, string displayName, string role,
        Guid? officeId, string password, CancellationToken ct)
    {
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            OrganisationId = organisationId,
            OfficeId = officeId,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, created.Errors.Select(Describe).ToList());
        }

        Ensure(await users.AddToRoleAsync(user, role));
        logger.LogInformation("User {UserId} created with role {Role}", user.Id, role);
        return (user.Id, []);
    }

    public async Task<UserSummary?> SetRolesAsync(Guid organisationId, Guid userId, IReadOnlyList<string> roles, CancellationToken ct)
    {
        var user = await FindAsync(organisationId, userId, ct);
        if (user is null)
        {
            return null;
        }

        var current = await users.GetRolesAsync(user);
        var removed = current.Except(roles, StringComparer.Ordinal).ToList();
        Ensure(await users.RemoveFromRolesAsync(user, removed));
        Ensure(await users.AddToRolesAsync(user, roles.Except(current, StringComparer.Ordinal).Distinct(StringComparer.Ordinal)));
        if (removed.Count > 0)
        {
            await RevokeAsync(user, ct);
        }

        return await SummaryAsync(user);
    }

    public async Task<UserSummary?> DisableAsync(Guid organisationId, Guid userId, CancellationToken ct)
    {
        var user = await FindAsync(organisationId, userId, ct);
        if (user is null)
        {
            return null;
        }

        user.IsDisabled = true;
        Ensure(await users.UpdateAsync(user));
        Ensure(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        await RevokeAsync(user, ct);
        logger.LogInformation("User {UserId} disabled; tokens revoked", user.Id);
        return await SummaryAsync(user);
    }

    public async Task<UserSummary?> EnableAsync(Guid organisationId, Guid userId, CancellationToken ct)
    {
        var user = await FindAsync(organisationId, userId, ct);
        if (user is null)
        {
            return null;
        }

        // Disabling locked the account until the end of time; enabling lifts that and forgets earlier failed attempts.
        // The security stamp stays as disabling left it: sessions and tokens of before stay ended.
        user.IsDisabled = false;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        Ensure(await users.UpdateAsync(user));
        logger.LogInformation("User {UserId} enabled", user.Id);
        return await SummaryAsync(user);
    }

    async Task<UserSummary?> IUserAdministration.FindAsync(Guid organisationId, Guid userId, CancellationToken ct) =>
        await FindAsync(organisationId, userId, ct) is { } user ? await SummaryAsync(user) : null;

    public Task<int> CountActiveAdministratorsAsync(Guid organisationId, CancellationToken ct) =>
        (from user in db.Users
         where user.OrganisationId == organisationId && !user.IsDisabled
         join userRole in db.UserRoles on user.Id equals userRole.UserId
         join role in db.Roles on userRole.RoleId equals role.Id
         where role.Name == Roles.Administrator
         select user.Id).Distinct().CountAsync(ct);

    private async Task RevokeAsync(ApplicationUser user, CancellationToken ct)
    {
        await users.UpdateSecurityStampAsync(user);
        var subject = user.Id.ToString();
        await foreach (var token in tokens.FindBySubjectAsync(subject, ct))
        {
            await tokens.TryRevokeAsync(token, ct);
        }

        await foreach (var authorization in authorizations.FindBySubjectAsync(subject, ct))
        {
            await authorizations.TryRevokeAsync(authorization, ct);
        }
    }

    private async Task<ApplicationUser?> FindAsync(Guid organisationId, Guid userId, CancellationToken ct) =>
        await users.Users.FirstOrDefaultAsync(u => u.Id == userId && u.OrganisationId == organisationId, ct);

    private async Task<UserSummary> SummaryAsync(ApplicationUser user) =>
        new(user.Id, user.Email ?? string.Empty, user.DisplayName, [.. await users.GetRolesAsync(user)], user.OfficeId,
            user.TwoFactorEnabled, user.IsDisabled, await users.IsLockedOutAsync(user));

    /// <summary>Identity reports failures as results; a step that failed must not leave the others saved.</summary>
    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Account change failed: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
    }

    private static string Describe(IdentityError error) => error.Code switch
    {
        "DuplicateEmail" or "DuplicateUserName" => "Email: an account with this email address already exists.",
        "InvalidEmail" => "Email: not a valid email address.",
        _ => error.Description,
    };
}
