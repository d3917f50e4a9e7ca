using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.RegulatorGateway.Access;

namespace SafetyLedger.Host.Administration;

/// <summary>
/// While the service runs: a fresh local admin key for this run (in memory and in <c>admin.key</c>, never in the
/// ledger, so a start appends nothing), and <c>service.json</c> once it listens, so CLI verbs go through the service
/// instead of writing to the ledger beside it. Their commands are ledgered with this key as the actor.
/// </summary>
internal sealed partial class LocalAdministration(
    AccessDirectory directory,
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<LedgerStorageOptions> storage,
    ILogger<LocalAdministration> logger) : IHostedService
{
    private string DataDirectory => storage.Value.DataDirectory;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        var key = new LocalAdminKey("local-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), ApiKeySecret.NewSecret());
        directory.AddLocal(key.Id, key.Secret);
        key.Write(DataDirectory);
        var path = LocalAdminKey.PathIn(DataDirectory);
        LogCreated(key.Id, path);
        lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        var path = ServiceFile.PathIn(DataDirectory);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    private void Announce()
    {
        var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (url is not null)
        {
            new ServiceFile(Environment.ProcessId, url.Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)).Write(DataDirectory);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local admin key {KeyId} for this run written to {Path} (the CLI uses it to reach this service)")]
    private partial void LogCreated(string keyId, string path);
}
