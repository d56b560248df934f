using CounselConnect.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CounselConnect.Infrastructure.Migrations.SqlServer;

/// <summary>Lets `dotnet ef` build the context for SqlServer migrations without starting the web host.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseCounselConnectDatabase(DatabaseProvider.SqlServer, "Server=localhost;Database=CounselConnect;Trusted_Connection=True;TrustServerCertificate=True");
        return new AppDbContext(builder.Options);
    }
}
