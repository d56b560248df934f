using CounselConnect.Infrastructure.Persistence;
using Npgsql;

namespace CounselConnect.UnitTests.Persistence;

public sealed class PostgreSqlConnectionDefaultsTests
{
    [Fact]
    public void Auto_prepare_and_no_reset_are_added_when_the_operator_did_not_set_them()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DbContextOptionsExtensions.WithPostgreSqlDefaults("Host=db;Port=5433;Username=app;Database=cc"));

        Assert.Equal(DbContextOptionsExtensions.AutoPrepareStatements, tuned.MaxAutoPrepare);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(("db", 5433, "app", "cc"), (tuned.Host, tuned.Port, tuned.Username, tuned.Database));
    }

    [Theory]
    [InlineData("Host=db;Database=cc;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;Database=cc;MaxAutoPrepare=0;noresetonclose=false")]
    public void The_operators_own_values_are_kept(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(DbContextOptionsExtensions.WithPostgreSqlDefaults(connectionString));

        Assert.Equal(0, tuned.MaxAutoPrepare);
        Assert.False(tuned.NoResetOnClose);
    }
}
