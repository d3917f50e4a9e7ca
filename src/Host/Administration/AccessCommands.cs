using SafetyLedger.Ledger.Storage;

namespace SafetyLedger.Host.Administration;

/// <summary>Picks where the verbs' commands go: through the service running on the data folder, or to its store.</summary>
internal static class AccessCommands
{
    public static async Task<IAccessCommands> OpenAsync(LedgerStorageOptions storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (ServiceFile.FindRunning(storage.DataDirectory) is { } service)
        {
            var key = LocalAdminKey.Read(storage.DataDirectory)
                ?? throw new InvalidOperationException($"the service runs on {storage.DataDirectory} but {LocalAdminKey.PathIn(storage.DataDirectory)} is missing; restart it to create the local admin key.");
            return ServiceAccessCommands.Create(service, key);
        }

        return await StoreAccessCommands.OpenAsync(storage, cancellationToken);
    }
}
