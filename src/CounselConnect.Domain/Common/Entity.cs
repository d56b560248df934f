namespace CounselConnect.Domain.Common;

/// <summary>Base type for entities with a Guid identity.</summary>
public abstract class Entity
{
    public Guid Id { get; protected set; } = Guid.CreateVersion7();

    /// <summary>Throws <see cref="BusinessRuleException"/> when <paramref name="broken"/> is true.</summary>
    protected static void CheckRule(bool broken, string rule, string message)
    {
        if (broken)
        {
            throw new BusinessRuleException(rule, message);
        }
    }
}
