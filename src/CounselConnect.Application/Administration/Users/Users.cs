using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Common.Security;
using CounselConnect.Domain.Common;
using CounselConnect.Domain.Organisations;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Administration.Users;

public sealed record ListUsersQuery(int Page = 1, int PageSize = 50) : IQuery<PagedList<UserSummary>>;

public sealed record CreateUserCommand(string? Email, string? DisplayName, string? Role, Guid? OfficeId, string? Password) : ICommand<UserSummary>;

public sealed record SetUserRolesCommand(Guid UserId, IReadOnlyList<string>? Roles) : ICommand<UserSummary>;

public sealed record DisableUserCommand(Guid UserId) : ICommand<UserSummary>;

public sealed record EnableUserCommand(Guid UserId) : ICommand<UserSummary>;

public sealed class ListUsersValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, Paging.MaxPage);
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
    /// <summary>The error code of a role list that pairs Administrator with a role that reaches cases or client data.</summary>
    public const string AdministratorWithCaseWork = nameof(AdministratorWithCaseWork);

    public SetUserRolesValidator()
    {
        RuleFor(c => c.Roles).NotNull();
        RuleForEach(c => c.Roles).Must(r => Roles.All.Contains(r)).WithMessage($"Role is one of: {string.Join(", ", Roles.All)}.");
        RuleFor(c => c.Roles)
            .Must(r => !r!.Contains(Roles.Administrator) || !r!.Any(role => UserAdministrationHandlers.NotWithAdministrator.Contains(role)))
            .When(c => c.Roles is not null)
            .WithErrorCode(AdministratorWithCaseWork)
            .WithMessage($"{Roles.Administrator} cannot be combined with {string.Join(", ", UserAdministrationHandlers.NotWithAdministrator)}: "
                + "administrators open client files only through break-glass access.");
    }
}

/// <summary>
/// Account administration. Every change is audited (entity type <see cref="AuditEntityType"/>, the account's id, no
/// names or addresses) in the same transaction as the change itself: Identity's and OpenIddict's stores save through
/// the same database context, each with a save of its own, so the handler opens the transaction around them all.
/// Administrators hold no role that reaches cases or client data (docs/security.md, "A curious or coerced
/// administrator"); an organisation always keeps one active administrator, and no administrator demotes themselves.
/// </summary>
public sealed class UserAdministrationHandlers(IUserAdministration users, ICurrentUser caller, IApplicationDbContext db, IAuditTrail audit)
    : IQueryHandler<ListUsersQuery, PagedList<UserSummary>>,
      ICommandHandler<CreateUserCommand, UserSummary>,
      ICommandHandler<SetUserRolesCommand, UserSummary>,
      ICommandHandler<DisableUserCommand, UserSummary>,
      ICommandHandler<EnableUserCommand, UserSummary>
{
    public const string AuditEntityType = "User";

    /// <summary>
    /// Roles an administrator may not also hold: intake staff and attorneys do case work (client files); program
    /// managers place protected cases, import client lists and are the ones who watch administrators' break-glass
    /// grants, so an administrator who is also a manager would watch themselves.
    /// </summary>
    public static readonly IReadOnlyList<string> NotWithAdministrator = [Roles.IntakeStaff, Roles.Attorney, Roles.ProgramManager];

    private Guid Organisation => caller.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");

    public async ValueTask<PagedList<UserSummary>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var (items, total) = await users.ListAsync(Organisation, query.Page, query.PageSize, cancellationToken);
        return new PagedList<UserSummary>(items, query.Page, query.PageSize, total);
    }

    public async ValueTask<UserSummary> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        var organisation = Organisation;
        if (command.OfficeId is { } officeId
            && !await db.Set<Office>().AnyAsync(o => o.Id == officeId && o.OrganisationId == organisation, cancellationToken))
        {
            throw new ValidationException([new ValidationFailure("officeId", "Choose an office of your organisation, or none.")]);
        }

        return await InOneTransactionAsync(async ct =>
        {
            var (id, errors) = await users.CreateAsync(organisation, command.Email!, command.DisplayName!, command.Role!, command.OfficeId, command.Password!, ct);
            if (id is null)
            {
                throw new ValidationException(errors.Select(e => new ValidationFailure(e.StartsWith("Email", StringComparison.Ordinal) ? "email" : "password", e)));
            }

            audit.Record("user.create", AuditEntityType, id, "account");
            return await users.FindAsync(organisation, id.Value, ct) ?? throw new NotFoundException("User");
        }, cancellationToken);
    }

    public async ValueTask<UserSummary> Handle(SetUserRolesCommand command, CancellationToken cancellationToken)
    {
        var organisation = Organisation;
        var keepsAdministrator = command.Roles!.Contains(Roles.Administrator);
        return await InOneTransactionAsync(async ct =>
        {
            var target = await LockedTargetAsync(organisation, command.UserId, ct);
            if (!keepsAdministrator && target.Roles.Contains(Roles.Administrator))
            {
                if (IsCaller(command.UserId))
                {
                    throw new BusinessRuleException("CannotRemoveOwnAdministratorRole",
                        "You cannot remove the Administrator role from your own account. Ask another administrator.");
                }

                await EnsureNotLastAdministratorAsync(organisation, target, ct);
            }

            var updated = await users.SetRolesAsync(organisation, command.UserId, command.Roles!, ct) ?? throw new NotFoundException("User");
            audit.Record("user.roles.set", AuditEntityType, command.UserId, "roles");
            return updated;
        }, cancellationToken);
    }

    public async ValueTask<UserSummary> Handle(DisableUserCommand command, CancellationToken cancellationToken)
    {
        if (IsCaller(command.UserId))
        {
            throw new BusinessRuleException("CannotDisableSelf", "You cannot disable your own account.");
        }

        var organisation = Organisation;
        return await InOneTransactionAsync(async ct =>
        {
            var target = await LockedTargetAsync(organisation, command.UserId, ct);
            if (target.Roles.Contains(Roles.Administrator))
            {
                await EnsureNotLastAdministratorAsync(organisation, target, ct);
            }

            var updated = await users.DisableAsync(organisation, command.UserId, ct) ?? throw new NotFoundException("User");
            audit.Record("user.disable", AuditEntityType, command.UserId, "account");
            return updated;
        }, cancellationToken);
    }

    public async ValueTask<UserSummary> Handle(EnableUserCommand command, CancellationToken cancellationToken)
    {
        var organisation = Organisation;
        return await InOneTransactionAsync(async ct =>
        {
            var updated = await users.EnableAsync(organisation, command.UserId, ct) ?? throw new NotFoundException("User");
            audit.Record("user.enable", AuditEntityType, command.UserId, "account");
            return updated;
        }, cancellationToken);
    }

    private bool IsCaller(Guid userId) => !caller.IsClient && caller.Subject == userId.ToString();

    /// <summary>
    /// Locks the organisation's row until the transaction ends, then reads the account: two administrators removing
    /// each other at the same moment are taken one after the other, so the second sees the first's change and the
    /// organisation keeps an administrator.
    /// </summary>
    private async Task<UserSummary> LockedTargetAsync(Guid organisation, Guid userId, CancellationToken ct)
    {
        await db.Set<Organisation>().Where(o => o.Id == organisation).ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, o => o.Name), ct);
        return await users.FindAsync(organisation, userId, ct) ?? throw new NotFoundException("User");
    }

    private async Task EnsureNotLastAdministratorAsync(Guid organisation, UserSummary target, CancellationToken ct)
    {
        if (!target.IsDisabled && await users.CountActiveAdministratorsAsync(organisation, ct) <= 1)
        {
            throw new BusinessRuleException("LastAdministrator",
                "This is the organisation's last active administrator. Give another account the Administrator role first.");
        }
    }

    /// <summary>
    /// Runs the change, then saves what is left (the audit entry) and commits, all in one transaction, as one unit of
    /// the retrying execution strategy (docs: DatabaseResilience). A retry starts from a clean change tracker, since
    /// the failed attempt's saves were rolled back.
    /// </summary>
    private async Task<T> InOneTransactionAsync<T>(Func<CancellationToken, Task<T>> change, CancellationToken cancellationToken)
    {
        var database = db.Context.Database;
        if (database.CurrentTransaction is not null)
        {
            var result = await change(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return result;
        }

        var attempt = 0;
        return await database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            if (attempt++ > 0)
            {
                db.Context.ChangeTracker.Clear();
            }

            await using var transaction = await database.BeginTransactionAsync(ct);
            var result = await change(ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }
}
