namespace CounselConnect.Application.Common.Interfaces;

/// <summary>Who is calling: a signed-in person or an integration client.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>The subject: a user id, or the client id for client-credentials tokens.</summary>
    string? Subject { get; }

    string? DisplayName { get; }

    /// <summary>The OAuth client the token was issued to, if any.</summary>
    string? ClientId { get; }

    bool IsClient { get; }

    Guid? OrganisationId { get; }

    Guid? OfficeId { get; }

    IReadOnlyCollection<string> Roles { get; }

    IReadOnlyCollection<string> Scopes { get; }

    bool IsInRole(string role);
}
