using System.Linq.Expressions;
using System.Reflection;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CounselConnect.Infrastructure.Security;

/// <summary>
/// The one list of free-text fields about a case (notes, reasons, descriptions) that are stored sealed under the
/// case's data key, the same key as its parties and client contact, so destroying that key (retention purge) makes
/// them unreadable in the live database and in every backup. The domain keeps plain <c>string</c> properties; the
/// model ignores them and maps, per field, a <c>{Field}Sealed</c> ciphertext column and the field's former column
/// (shadow property <c>{Field}Clear</c>), which only rows written before encryption still hold.
/// <see cref="ProtectedData"/> seals on save and opens on load; <see cref="ClearNotesSealer"/> seals the old rows.
/// </summary>
public static class SealedText
{
    /// <summary>What a sealed field reads as once its case's data key was destroyed.</summary>
    public const string Erased = "(erased)";

    private static readonly Dictionary<Type, Field[]> Registry = new()
    {
        [typeof(Case)] = [Of<Case>(c => c.DeclineReason)],
        [typeof(Assignment)] = [Of<Assignment>(a => a.Note), Of<Assignment>(a => a.EndReason)],
        [typeof(ConflictMatch)] = [Of<ConflictMatch>(m => m.DecisionReason)],
        [typeof(HearingChange)] = [Of<HearingChange>(c => c.Reason)],
        [typeof(JudgeSetDeadline)] = [Of<JudgeSetDeadline>(d => d.Description)],
    };

    /// <summary>The entity types that have sealed fields.</summary>
    public static IReadOnlyCollection<Type> EntityTypes => Registry.Keys;

    /// <summary>The sealed fields of an entity type, or null when it has none.</summary>
    public static IReadOnlyList<Field>? FieldsOf(Type entityType) => Registry.GetValueOrDefault(entityType);

    /// <summary>
    /// Maps a registered field: the CLR property is ignored, <c>{Field}Sealed</c> holds the ciphertext and
    /// <c>{Field}Clear</c> the former clear-text column (same name, now nullable, emptied by the sealer).
    /// </summary>
    public static void SealedTextProperty<TEntity>(this EntityTypeBuilder<TEntity> builder, Expression<Func<TEntity, string?>> property, int maxLength)
        where TEntity : class
    {
        var name = MemberName(property);
        var field = FieldsOf(typeof(TEntity))?.FirstOrDefault(f => f.Name == name)
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{name} is not listed in {nameof(SealedText)}.");
        builder.Ignore(name);
        builder.Property<byte[]?>(field.SealedProperty);
        builder.Property<string?>(field.ClearProperty).HasColumnName(name).HasMaxLength(maxLength);
    }

    /// <summary>The case a sealed entity belongs to: its data key seals the entity's fields.</summary>
    internal static async ValueTask<Guid> CaseIdAsync(DbContext context, object entity, CancellationToken ct)
    {
        switch (entity)
        {
            case Case c:
                return c.Id;
            case Assignment a:
                return a.CaseId;
            case JudgeSetDeadline d:
                return d.CaseId;
            case HearingChange change:
                return context.ChangeTracker.Entries<Hearing>().FirstOrDefault(h => h.Entity.Id == change.HearingId)?.Entity.CaseId
                    ?? await context.Set<Hearing>().AsNoTracking().Where(h => h.Id == change.HearingId).Select(h => h.CaseId).FirstAsync(ct);
            case ConflictMatch match:
                return context.ChangeTracker.Entries<ConflictCheck>().FirstOrDefault(c => c.Entity.Id == match.ConflictCheckId)?.Entity.CaseId
                    ?? await context.Set<ConflictCheck>().AsNoTracking().Where(c => c.Id == match.ConflictCheckId).Select(c => c.CaseId).FirstAsync(ct);
            default:
                throw new InvalidOperationException($"{entity.GetType().Name} has no sealed fields.");
        }
    }

    private static Field Of<TEntity>(Expression<Func<TEntity, string?>> property)
    {
        var info = typeof(TEntity).GetProperty(MemberName(property), BindingFlags.Public | BindingFlags.Instance)!;
        var setter = info.GetSetMethod(nonPublic: true) ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{info.Name} has no setter.");
        var instance = Expression.Parameter(typeof(object));
        var value = Expression.Parameter(typeof(string));
        var set = Expression.Lambda<Action<object, string?>>(Expression.Call(Expression.Convert(instance, typeof(TEntity)), setter, value), instance, value).Compile();
        var get = Expression.Lambda<Func<object, string?>>(Expression.Property(Expression.Convert(instance, typeof(TEntity)), info), instance).Compile();
        return new Field(info.Name, get, set);
    }

    private static string MemberName(LambdaExpression property) =>
        property.Body is MemberExpression member ? member.Member.Name : throw new ArgumentException("Give a property, e.g. x => x.Note.", nameof(property));

    /// <summary>One sealed field: its name, the two stored shadow properties, and access to the plain CLR value.</summary>
    public sealed class Field(string name, Func<object, string?> get, Action<object, string?> set)
    {
        public string Name { get; } = name;

        /// <summary>The ciphertext (version | key id | nonce | tag | ciphertext), or null for no text.</summary>
        public string SealedProperty { get; } = name + "Sealed";

        /// <summary>The former clear-text column: non-null only on rows written before encryption and not sealed yet.</summary>
        public string ClearProperty { get; } = name + "Clear";

        public string? Get(object entity) => get(entity);

        public void Set(object entity, string? value) => set(entity, value);
    }
}
