using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Common.Interfaces;

/// <summary>The application's view of the database: entity sets by type, and the unit of work.</summary>
public interface IApplicationDbContext
{
    DbSet<TEntity> Set<TEntity>() where TEntity : class;

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The EF Core context itself, for the few queries compiled once (<see cref="Common.CompiledQuery{TQuery}"/>) on
    /// the intake's path: a LINQ query is otherwise built as an expression tree and looked up in EF Core's cache on
    /// every call.
    /// </summary>
    DbContext Context { get; }
}
