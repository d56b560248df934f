using System.Text;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Imports;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace CounselConnect.Application.Imports.StartPartyImport;

/// <summary>
/// Accepts a CSV of parties: checks the header at once, stores the file with the import record in one
/// transaction (so nothing accepted is lost), and queues the background job with the import's id only.
/// </summary>
public sealed record StartPartyImportCommand(string FileName, byte[] Content) : ICommand<PartyImportDto>;

public sealed class StartPartyImportValidator : AbstractValidator<StartPartyImportCommand>
{
    public const int MaxBytes = 512 * 1024 * 1024;

    public StartPartyImportValidator()
    {
        RuleFor(c => c.Content).NotEmpty().WithName("file").WithMessage("The CSV file is empty.")
            .Must(c => c.Length <= MaxBytes).WithMessage("The file is larger than 512 MB: split it.");
        RuleFor(c => c.FileName).MaximumLength(260);
    }
}

public sealed class StartPartyImportHandler(IApplicationDbContext db, ICurrentUser user, IJobScheduler jobs, TimeProvider clock,
    IImportFileStore files)
    : ICommandHandler<StartPartyImportCommand, PartyImportDto>
{
    public async ValueTask<PartyImportDto> Handle(StartPartyImportCommand command, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        var headerProblem = CheckHeader(command.Content);
        if (headerProblem is not null)
        {
            throw new ValidationException([new ValidationFailure("file", headerProblem)]);
        }

        var import = new PartyImport(organisationId, string.IsNullOrWhiteSpace(command.FileName) ? "upload.csv" : Path.GetFileName(command.FileName),
            user.Subject ?? "unknown", clock.GetUtcNow().UtcDateTime);
        db.Set<PartyImport>().Add(import);
        files.Add(import.Id, organisationId, command.Content);
        await db.SaveChangesAsync(cancellationToken);
        jobs.EnqueuePartyImport(import.Id);
        return PartyImportDto.From(import);
    }

    private static string? CheckHeader(byte[] content)
    {
        var end = Array.IndexOf(content, (byte)'\n');
        var line = Encoding.UTF8.GetString(content, 0, end < 0 ? Math.Min(content.Length, 4096) : Math.Min(end, 4096)).TrimEnd('\r');
        return PartyImportCsv.CheckHeader(line.Split(','));
    }
}
