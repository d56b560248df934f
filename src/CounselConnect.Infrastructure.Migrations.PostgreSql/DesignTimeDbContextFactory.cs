using CounselConnect.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CounselConnect.Infrastructure.Migrations.PostgreSql;

/// <summary>Lets `dotnet ef` build the context for PostgreSql migrations without starting the web host.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseCounselConnectDatabase(DatabaseProvider.PostgreSql, "Host=localhost;Database=counselconnect;Username=postgres");
        return new AppDbContext(builder.Options);
    }
}
