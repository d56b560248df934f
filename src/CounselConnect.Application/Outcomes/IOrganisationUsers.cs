namespace CounselConnect.Application.Outcomes;

/// <summary>Whether a user id belongs to an organisation (the user accounts live outside the application's model).</summary>
public interface IOrganisationUsers
{
    /// <summary>True when <paramref name="userId"/> is a user account of <paramref name="organisationId"/> (enabled or not).</summary>
    Task<bool> IsUserOfAsync(Guid userId, Guid organisationId, CancellationToken cancellationToken);
}
