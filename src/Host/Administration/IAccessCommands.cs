using SafetyLedger.RegulatorGateway.Access;
using SafetyLedger.RegulatorGateway.Admin;

namespace SafetyLedger.Host.Administration;

/// <summary>The key and enterprise verbs' commands, done on the store (service stopped) or through the running service.</summary>
internal interface IAccessCommands : IAsyncDisposable
{
    /// <exception cref="AccessValidationException">The request is not acceptable.</exception>
    Task<IssuedKey> CreateKeyAsync(CreateKeyRequest request, CancellationToken cancellationToken);

    Task<IReadOnlyList<KeyView>> ListKeysAsync(CancellationToken cancellationToken);

    /// <summary>Null when there is no such key.</summary>
    Task<KeyView?> RevokeKeyAsync(string id, string? reason, CancellationToken cancellationToken);

    /// <exception cref="AccessValidationException">The request is not acceptable.</exception>
    Task<EnterpriseRecord> AddEnterpriseAsync(RegisterEnterpriseRequest request, CancellationToken cancellationToken);

    Task<IReadOnlyList<EnterpriseRecord>> ListEnterprisesAsync(CancellationToken cancellationToken);
}
