using Microsoft.Extensions.Logging.Abstractions;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;
using SafetyLedger.RegulatorGateway.Access;
using SafetyLedger.RegulatorGateway.Admin;

namespace SafetyLedger.Host.Administration;

/// <summary>With the service stopped: the commands append to the store directly, after replaying its keys and enterprises.</summary>
internal sealed class StoreAccessCommands : IAccessCommands
{
    private readonly SqliteLedgerStore store;
    private readonly AccessDirectory directory = new();
    private readonly AccessAdministration administration;

    private StoreAccessCommands(SqliteLedgerStore store)
    {
        this.store = store;
        administration = new AccessAdministration(store, directory, TimeProvider.System);
    }

    private static string Actor => "local:" + Environment.UserName;

    /// <summary>The keys and enterprises as the store holds them.</summary>
    public AccessDirectory Directory => directory;

    public static async Task<StoreAccessCommands> OpenAsync(LedgerStorageOptions options, CancellationToken cancellationToken)
    {
        var commands = new StoreAccessCommands(SqliteLedgerStore.Open(options, TimeProvider.System, NullLogger<SqliteLedgerStore>.Instance));
        await commands.directory.CatchUpAsync(commands.store, cancellationToken);
        return commands;
    }

    public async Task<IssuedKey> CreateKeyAsync(CreateKeyRequest request, CancellationToken cancellationToken)
    {
        var created = await administration.CreateKeyAsync(request, Actor, cancellationToken);
        return new IssuedKey(created.Record.Id, created.Secret);
    }

    public Task<IReadOnlyList<KeyView>> ListKeysAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KeyView>>(directory.Keys().Select(KeyView.From).ToList());

    public async Task<KeyView?> RevokeKeyAsync(string id, string? reason, CancellationToken cancellationToken) =>
        await administration.RevokeKeyAsync(id, reason, Actor, cancellationToken) is { } key ? KeyView.From(key) : null;

    public Task<EnterpriseRecord> AddEnterpriseAsync(RegisterEnterpriseRequest request, CancellationToken cancellationToken) =>
        administration.RegisterEnterpriseAsync(request, Actor, cancellationToken);

    public Task<IReadOnlyList<EnterpriseRecord>> ListEnterprisesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(directory.Enterprises());

    public async ValueTask DisposeAsync() => await store.DisposeAsync();
}
