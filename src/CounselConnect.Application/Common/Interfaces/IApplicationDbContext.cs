using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Common.Interfaces;

/// <summary>The application's view of the database: entity sets by type, and the unit of work.</summary>
public interface IApplicationDbContext
{
    DbSet<TEntity> Set<TEntity>() where TEntity : class;

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
