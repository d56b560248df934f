using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace CounselConnect.Application.Administration.Keys;

/// <summary>
/// Master-key rotation (deployment-wide): how many data keys and hashing secrets each master key wraps, and the
/// background re-wrapping of those under old master keys with the current one. Ids and counts only.
/// </summary>
public interface IKeyRotation
{
    Task<KeyStatusDto> StatusAsync(CancellationToken ct);

    Task<KeyRotationDto?> FindAsync(Guid rotationId, CancellationToken ct);

    /// <summary>
    /// Adds a rotation to the current master key to the unit of work (the caller saves it, then <see cref="Enqueue"/>s it);
    /// a business-rule error when every key is already under the current master key or a rotation is running.
    /// </summary>
    Task<KeyRotationDto> PrepareAsync(string requestedBy, CancellationToken ct);

    /// <summary>Queues the background job of a saved rotation (its id is the job's only argument).</summary>
    void Enqueue(Guid rotationId);

    /// <summary>The job body: re-wraps batch after batch until no key is left under another master key.</summary>
    Task RunAsync(Guid rotationId, CancellationToken ct);
}

/// <summary>One master key id: whether this server holds it, whether it is current, and what it still wraps.</summary>
public sealed record MasterKeyUsageDto(string MasterKeyId, bool Current, bool Configured, long DataKeys, long KeyMaterial);

/// <summary>A rotation: <c>running</c>, <c>completed</c> or <c>failed</c>, with keys re-wrapped of the total.</summary>
public sealed record KeyRotationDto(Guid Id, string TargetMasterKeyId, string Status, long Total, long Done, double Percent,
    DateTime RequestedAtUtc, DateTime? CompletedAtUtc, DateTime? FailedAtUtc, string? FailureReason);

/// <summary>
/// Per master key id the count of live data keys and key-material rows it wraps; data keys destroyed by the retention
/// purge (which stay destroyed); the running rotation, the latest one and when one last completed.
/// </summary>
public sealed record KeyStatusDto(string CurrentMasterKeyId, IReadOnlyList<MasterKeyUsageDto> MasterKeys, long DestroyedDataKeys,
    long KeysToRotate, KeyRotationDto? Running, KeyRotationDto? Latest, DateTime? LastCompletedAtUtc);

public sealed record GetKeyStatusQuery : IQuery<KeyStatusDto>;

public sealed record GetKeyRotationQuery(Guid RotationId) : IQuery<KeyRotationDto>;

/// <summary>
/// Starts re-wrapping every key to the current master key. <paramref name="TargetMasterKeyId"/> must name the current
/// master key, so a caller confirms which key it means (a server configured otherwise refuses).
/// </summary>
public sealed record StartKeyRotationCommand(string? TargetMasterKeyId) : ICommand<KeyRotationDto>;

/// <summary>The job's command: carries the rotation id only.</summary>
public sealed record RunKeyRotationCommand(Guid RotationId) : ICommand;

public sealed class StartKeyRotationValidator : AbstractValidator<StartKeyRotationCommand>
{
    public StartKeyRotationValidator() =>
        RuleFor(c => c.TargetMasterKeyId).NotEmpty().WithMessage("Name the current master key id to confirm the rotation.").MaximumLength(64);
}

public sealed class KeyRotationHandlers(IKeyRotation rotation, ICurrentUser user, IAuditTrail audit, IApplicationDbContext db)
    : IQueryHandler<GetKeyStatusQuery, KeyStatusDto>,
      IQueryHandler<GetKeyRotationQuery, KeyRotationDto>,
      ICommandHandler<StartKeyRotationCommand, KeyRotationDto>,
      ICommandHandler<RunKeyRotationCommand>
{
    public async ValueTask<KeyStatusDto> Handle(GetKeyStatusQuery query, CancellationToken cancellationToken) =>
        await rotation.StatusAsync(cancellationToken);

    public async ValueTask<KeyRotationDto> Handle(GetKeyRotationQuery query, CancellationToken cancellationToken) =>
        await rotation.FindAsync(query.RotationId, cancellationToken) ?? throw new NotFoundException("Key rotation");

    public async ValueTask<KeyRotationDto> Handle(StartKeyRotationCommand command, CancellationToken cancellationToken)
    {
        var status = await rotation.StatusAsync(cancellationToken);
        if (!string.Equals(command.TargetMasterKeyId, status.CurrentMasterKeyId, StringComparison.Ordinal))
        {
            throw new ValidationException([new ValidationFailure(nameof(StartKeyRotationCommand.TargetMasterKeyId),
                "This is not the current master key of the service (Encryption:MasterKeyId). Configure the new key as current on every server first.")]);
        }

        var started = await rotation.PrepareAsync(user.Subject ?? "unknown", cancellationToken);
        audit.Record("keys.rotation.start", "KeyRotation", started.Id, "keys");
        await db.SaveChangesAsync(cancellationToken);
        rotation.Enqueue(started.Id);
        return started;
    }

    public async ValueTask<Unit> Handle(RunKeyRotationCommand command, CancellationToken cancellationToken)
    {
        await rotation.RunAsync(command.RotationId, cancellationToken);
        return Unit.Value;
    }
}
