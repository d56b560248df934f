using CounselConnect.Application.Common.Interfaces;
using Mediator;

namespace CounselConnect.Application.Identity.GetCurrentUser;

/// <summary>Who am I: the caller's identity, roles and scopes.</summary>
public sealed record GetCurrentUserQuery : IQuery<CurrentUserDto>;

public sealed record CurrentUserDto(
    string Subject,
    string? Name,
    string Kind,
    string? ClientId,
    Guid? OrganisationId,
    Guid? OfficeId,
    IReadOnlyCollection<string> Roles,
    IReadOnlyCollection<string> Scopes);

public sealed class GetCurrentUserHandler(ICurrentUser currentUser) : IQueryHandler<GetCurrentUserQuery, CurrentUserDto>
{
    public ValueTask<CurrentUserDto> Handle(GetCurrentUserQuery query, CancellationToken cancellationToken)
    {
        var dto = new CurrentUserDto(
            currentUser.Subject ?? string.Empty,
            currentUser.DisplayName,
            currentUser.IsClient ? "client" : "user",
            currentUser.ClientId,
            currentUser.OrganisationId,
            currentUser.OfficeId,
            currentUser.Roles,
            currentUser.Scopes);
        return ValueTask.FromResult(dto);
    }
}
