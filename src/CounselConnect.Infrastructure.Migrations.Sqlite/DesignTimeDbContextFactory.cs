using CounselConnect.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CounselConnect.Infrastructure.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the context for Sqlite migrations without starting the web host.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseCounselConnectDatabase(DatabaseProvider.Sqlite, "Data Source=design.db");
        return new AppDbContext(builder.Options);
    }
}
