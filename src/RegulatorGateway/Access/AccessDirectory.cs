using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>
/// The in-memory projection of keys and enterprises. Entries are applied by the projection (replay, then the
/// live subscription) and by the administration right after its own appends, in any order and more than once:
/// each fact is applied once, so every path converges on the same state.
/// </summary>
public sealed class AccessDirectory
{
    private readonly ConcurrentDictionary<string, ApiKeyRecord> keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> keyBySecretHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EnterpriseRecord> enterprises = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly ProjectionPosition position = new();

    /// <summary>The last ledger position this projection has seen (-1 before any).</summary>
    public long LastPosition => position.Last;

    public int KeyCount => keys.Count;

    public int EnterpriseCount => enterprises.Count;

    /// <summary>The key whose secret is <paramref name="secret"/>, revoked or not; null when no key has it.</summary>
    public ApiKeyRecord? FindBySecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return keyBySecretHash.TryGetValue(ApiKeySecret.Hash(secret), out var id) ? Find(id) : null;
    }

    /// <summary>The key <paramref name="id"/> when <paramref name="secret"/> is its secret (compared in constant time); else null.</summary>
    public ApiKeyRecord? FindByIdAndSecret(string id, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (Find(id) is not { } key)
        {
            return null;
        }

        var presented = Convert.FromHexString(ApiKeySecret.Hash(secret));
        return CryptographicOperations.FixedTimeEquals(presented, Convert.FromHexString(key.SecretSha256)) ? key : null;
    }

    public ApiKeyRecord? Find(string? id) => id is not null && keys.TryGetValue(id, out var key) ? key : null;

    public EnterpriseRecord? FindEnterprise(string? id) => id is not null && enterprises.TryGetValue(id, out var enterprise) ? enterprise : null;

    /// <summary>The ledger's keys (not the run's local key), in the order they were created.</summary>
    public IReadOnlyList<ApiKeyRecord> Keys() => keys.Values.Where(k => k.Position >= 0).OrderBy(k => k.Position).ToList();

    /// <summary>
    /// Adds a key that lives only as long as this process (position -1, never in the ledger): the local admin key the
    /// service writes to its data folder at each start for the CLI on the same machine.
    /// </summary>
    public void AddLocal(string id, string secret)
    {
        var key = new ApiKeyRecord(id, Roles.Admin, null, [], [], "local-cli", ApiKeySecret.Hash(secret), DateTimeOffset.UnixEpoch, -1);
        keys[id] = key;
        keyBySecretHash[key.SecretSha256] = id;
    }

    public IReadOnlyList<EnterpriseRecord> Enterprises() => enterprises.Values.OrderBy(e => e.Id, StringComparer.Ordinal).ToList();

    /// <summary>Applies every key and enterprise entry the ledger holds now (category reads, not the whole ledger); returns the head read up to.</summary>
    public async Task<long> CatchUpAsync(IEventStore events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var head = events.Count;
        foreach (var prefix in new[] { AccessEvents.KeyStreamPrefix, AccessEvents.EnterpriseStreamPrefix })
        {
            await foreach (var entry in events.ReadCategoryAsync(prefix, 0, head, cancellationToken))
            {
                Apply(entry);
            }
        }

        AdvanceTo(head);
        return head;
    }

    /// <summary>Records that every entry before <paramref name="head"/> has been seen (after a category read).</summary>
    public void AdvanceTo(long head) => position.AdvanceTo(head);

    /// <summary>Applies one ledger entry; entries of other types only advance the position.</summary>
    public void Apply(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            switch (entry.EventType)
            {
                case AccessEvents.KeyCreated:
                    ApplyCreated(entry);
                    break;
                case AccessEvents.KeyRevoked:
                    ApplyRevoked(entry);
                    break;
                case AccessEvents.EnterpriseRegistered:
                    ApplyEnterprise(entry);
                    break;
            }

            position.Saw(entry.Position);
        }
    }

    private void ApplyCreated(LedgerEntry entry)
    {
        if (JsonSerializer.Deserialize(entry.Payload.Span, AccessJsonContext.Default.KeyCreated) is not { } created || keys.ContainsKey(created.Id))
        {
            return;
        }

        keys[created.Id] = new ApiKeyRecord(
            created.Id,
            created.Role,
            created.Tenant,
            created.Jurisdictions ?? [],
            created.Enterprises ?? [],
            created.Name,
            created.SecretSha256,
            entry.RecordedAt,
            entry.Position,
            MqttPasswordHash: created.MqttPasswordHash);
        keyBySecretHash[created.SecretSha256] = created.Id;
    }

    private void ApplyRevoked(LedgerEntry entry)
    {
        if (JsonSerializer.Deserialize(entry.Payload.Span, AccessJsonContext.Default.KeyRevoked) is { } revoked
            && keys.TryGetValue(revoked.Id, out var key)
            && key.RevokedAt is null)
        {
            keys[revoked.Id] = key with { RevokedAt = entry.RecordedAt };
        }
    }

    private void ApplyEnterprise(LedgerEntry entry)
    {
        if (JsonSerializer.Deserialize(entry.Payload.Span, AccessJsonContext.Default.EnterpriseRegistered) is { } registered
            && !enterprises.ContainsKey(registered.Id))
        {
            enterprises[registered.Id] = new EnterpriseRecord(registered.Id, registered.Region, registered.Name, entry.RecordedAt, entry.Position);
        }
    }
}
