using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Common.Security;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace CounselConnect.Application.Administration.Users;

public sealed record ListUsersQuery(int Page = 1, int PageSize = 50) : IQuery<PagedList<UserSummary>>;

public sealed record CreateUserCommand(string? Email, string? DisplayName, string? Role, Guid? OfficeId, string? Password) : ICommand<UserSummary>;

public sealed record SetUserRolesCommand(Guid UserId, IReadOnlyList<string>? Roles) : ICommand<UserSummary>;

public sealed record DisableUserCommand(Guid UserId) : ICommand<UserSummary>;

public sealed class ListUsersValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
    }
}

public sealed class CreateUserValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserValidator()
    {
        RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(256);
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Role).NotEmpty().Must(r => Roles.All.Contains(r!)).WithMessage($"Role is one of: {string.Join(", ", Roles.All)}.");
        RuleFor(c => c.Password).NotEmpty().MinimumLength(12).MaximumLength(200);
    }
}

public sealed class SetUserRolesValidator : AbstractValidator<SetUserRolesCommand>
{
    public SetUserRolesValidator()
    {
        RuleFor(c => c.Roles).NotNull();
        RuleForEach(c => c.Roles).Must(r => Roles.All.Contains(r)).WithMessage($"Role is one of: {string.Join(", ", Roles.All)}.");
    }
}

public sealed class UserAdministrationHandlers(IUserAdministration users, ICurrentUser caller)
    : IQueryHandler<ListUsersQuery, PagedList<UserSummary>>,
      ICommandHandler<CreateUserCommand, UserSummary>,
      ICommandHandler<SetUserRolesCommand, UserSummary>,
      ICommandHandler<DisableUserCommand, UserSummary>
{
    private Guid Organisation => caller.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");

    public async ValueTask<PagedList<UserSummary>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var (items, total) = await users.ListAsync(Organisation, query.Page, query.PageSize, cancellationToken);
        return new PagedList<UserSummary>(items, query.Page, query.PageSize, total);
    }

    public async ValueTask<UserSummary> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        var (id, errors) = await users.CreateAsync(Organisation, command.Email!, command.DisplayName!, command.Role!, command.OfficeId, command.Password!, cancellationToken);
        if (id is null)
        {
            throw new ValidationException(errors.Select(e => new ValidationFailure(e.StartsWith("Email", StringComparison.Ordinal) ? "email" : "password", e)));
        }

        var (list, _) = await users.ListAsync(Organisation, 1, int.MaxValue, cancellationToken);
        return list.First(u => u.Id == id);
    }

    public async ValueTask<UserSummary> Handle(SetUserRolesCommand command, CancellationToken cancellationToken) =>
        await users.SetRolesAsync(Organisation, command.UserId, command.Roles!, cancellationToken) ?? throw new NotFoundException("User");

    public async ValueTask<UserSummary> Handle(DisableUserCommand command, CancellationToken cancellationToken)
    {
        if (caller.Subject == command.UserId.ToString())
        {
            throw new Domain.Common.BusinessRuleException("CannotDisableSelf", "You cannot disable your own account.");
        }

        return await users.DisableAsync(Organisation, command.UserId, cancellationToken) ?? throw new NotFoundException("User");
    }
}
