using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CounselConnect.Infrastructure.Security;

/// <summary>
/// A secret the service keys its hashes with (the A-number blind index, the audit chain), stored wrapped by a master
/// key (AES-256-GCM) like a data key. Rotating the master key re-wraps the row; the secret itself, and so every
/// blind index and audit hash computed with it, stays the same. Version 1 of each holds the bytes that earlier
/// releases derived (HKDF) from the master key, so nothing written before had to be recomputed.
/// </summary>
public sealed class KeyMaterial
{
    public const string BlindIndex = "blind-index";
    public const string AuditChain = "audit-chain";

    private KeyMaterial()
    {
        Purpose = string.Empty;
        WrappedValue = [];
        MasterKeyId = string.Empty;
    }

    public KeyMaterial(Guid id, string purpose, int version, byte[] wrappedValue, string masterKeyId, DateTime createdAtUtc)
    {
        Id = id;
        Purpose = purpose;
        Version = version;
        WrappedValue = wrappedValue;
        MasterKeyId = masterKeyId;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }

    /// <summary><see cref="BlindIndex"/> or <see cref="AuditChain"/>.</summary>
    public string Purpose { get; private set; }

    public int Version { get; private set; }

    public byte[] WrappedValue { get; private set; }

    public string MasterKeyId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
}

/// <summary>
/// One master-key rotation an administrator started: the master key it moves every key to, and its progress
/// (keys re-wrapped of those under other master keys when it started). Ids and counts only.
/// </summary>
public sealed class KeyRotation
{
    public const int FailureReasonMaxLength = 500;

    private KeyRotation()
    {
        TargetMasterKeyId = string.Empty;
        RequestedBy = string.Empty;
    }

    public KeyRotation(Guid id, string targetMasterKeyId, string requestedBy, long total, DateTime requestedAtUtc)
    {
        Id = id;
        TargetMasterKeyId = targetMasterKeyId;
        RequestedBy = requestedBy;
        Total = total;
        RequestedAtUtc = requestedAtUtc;
        LastProgressAtUtc = requestedAtUtc;
    }

    public Guid Id { get; private set; }

    public string TargetMasterKeyId { get; private set; }

    /// <summary>The token subject (user or client id) that started it.</summary>
    public string RequestedBy { get; private set; }

    public DateTime RequestedAtUtc { get; private set; }

    /// <summary>Keys (data keys and key material, not destroyed) under other master keys when it started.</summary>
    public long Total { get; private set; }

    /// <summary>Keys this rotation has re-wrapped so far.</summary>
    public long Done { get; private set; }

    public DateTime LastProgressAtUtc { get; private set; }

    public DateTime? CompletedAtUtc { get; private set; }

    public DateTime? FailedAtUtc { get; private set; }

    public string? FailureReason { get; private set; }

    public bool IsRunning => CompletedAtUtc is null && FailedAtUtc is null;
}

internal sealed class KeyMaterialConfiguration : IEntityTypeConfiguration<KeyMaterial>
{
    public void Configure(EntityTypeBuilder<KeyMaterial> builder)
    {
        builder.ToTable("KeyMaterial");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Purpose).HasMaxLength(32).IsRequired();
        builder.Property(k => k.WrappedValue).IsRequired();
        builder.Property(k => k.MasterKeyId).HasMaxLength(MasterKeySet.MaxIdLength).IsRequired();
        builder.HasIndex(k => new { k.Purpose, k.Version }).IsUnique();
    }
}

internal sealed class KeyRotationConfiguration : IEntityTypeConfiguration<KeyRotation>
{
    public void Configure(EntityTypeBuilder<KeyRotation> builder)
    {
        builder.ToTable("KeyRotations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.TargetMasterKeyId).HasMaxLength(MasterKeySet.MaxIdLength).IsRequired();
        builder.Property(r => r.RequestedBy).HasMaxLength(200).IsRequired();
        builder.Property(r => r.FailureReason).HasMaxLength(KeyRotation.FailureReasonMaxLength);
        builder.Ignore(r => r.IsRunning);
        builder.HasIndex(r => r.RequestedAtUtc);
    }
}
