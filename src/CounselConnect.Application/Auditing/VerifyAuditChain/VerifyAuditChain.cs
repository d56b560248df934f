using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using Mediator;

namespace CounselConnect.Application.Auditing.VerifyAuditChain;

/// <summary>Recomputes the caller's organisation's audit chain.</summary>
public sealed record VerifyAuditChainQuery : IQuery<AuditChainReport>;

public sealed class VerifyAuditChainHandler(IAuditChainVerifier verifier, ICurrentUser user) : IQueryHandler<VerifyAuditChainQuery, AuditChainReport>
{
    public async ValueTask<AuditChainReport> Handle(VerifyAuditChainQuery query, CancellationToken cancellationToken) =>
        await verifier.VerifyAsync(user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation."),
            cancellationToken);
}
