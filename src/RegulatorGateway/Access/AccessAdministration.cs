using System.Text.Json;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>
/// Creates and revokes keys and registers enterprises: each command is validated, appended to the ledger
/// (so who could do what, and since when, is auditable) and applied to the directory at once.
/// </summary>
public sealed class AccessAdministration(IEventStore events, AccessDirectory directory, TimeProvider time)
{
    public const int MaxNameLength = 200;
    public const int MaxScopeEntries = 100;

    /// <exception cref="AccessValidationException">The request is not acceptable.</exception>
    public async Task<CreatedKey> CreateKeyAsync(CreateKeyRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var role = request.Role;
        if (!Roles.IsKnown(role))
        {
            errors["role"] = [$"'{role}' is not a role; use one of {string.Join(", ", Roles.All)}."];
        }

        var jurisdictions = Distinct(request.Jurisdictions);
        var enterprises = Distinct(request.Enterprises);
        ValidateScope(role, request.Tenant, jurisdictions, enterprises, errors);
        ValidateName(request.Name, errors);
        if (errors.Count > 0)
        {
            throw new AccessValidationException(errors);
        }

        var id = ApiKeySecret.NewId();
        var secret = ApiKeySecret.NewSecret();
        var tenant = Roles.IsEnterpriseRole(role) ? request.Tenant : null;
        var created = new KeyCreated(
            id,
            role!,
            tenant,
            role == Roles.Regulator ? jurisdictions : null,
            role == Roles.Auditor ? enterprises : null,
            request.Name,
            ApiKeySecret.Hash(secret),
            role is Roles.Device or Roles.Dcs ? MosquittoPasswordHash.Compute(secret) : null);
        var payload = JsonSerializer.SerializeToUtf8Bytes(created, AccessJsonContext.Default.KeyCreated);
        await AppendAsync(AccessEvents.KeyStream(id), ExpectedVersion.NoStream, AccessEvents.KeyCreated, tenant ?? AccessEvents.SystemTenant, payload, actor, cancellationToken);
        return new CreatedKey(directory.Find(id) ?? throw new InvalidOperationException($"Key {id} was appended but not applied."), secret);
    }

    /// <summary>Revokes a key; revoking a revoked key changes nothing. Returns null when there is no such key.</summary>
    public async Task<ApiKeyRecord?> RevokeKeyAsync(string id, string? reason, string actor, CancellationToken cancellationToken)
    {
        if (directory.Find(id) is not { } key)
        {
            return null;
        }

        if (!key.IsActive)
        {
            return key;
        }

        if (key.Position < 0)
        {
            throw new AccessValidationException(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["id"] = ["the service's local key lives only for this run; it is replaced at the next start."] });
        }

        if (reason is { Length: > MaxNameLength })
        {
            throw new AccessValidationException(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["reason"] = [$"at most {MaxNameLength} characters."] });
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(new KeyRevoked(id, reason), AccessJsonContext.Default.KeyRevoked);
        await AppendAsync(AccessEvents.KeyStream(id), ExpectedVersion.Exact(0), AccessEvents.KeyRevoked, key.Tenant ?? AccessEvents.SystemTenant, payload, actor, cancellationToken);
        return directory.Find(id);
    }

    /// <exception cref="AccessValidationException">The request is not acceptable or the enterprise exists.</exception>
    public async Task<EnterpriseRecord> RegisterEnterpriseAsync(RegisterEnterpriseRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Identifiers.IsValid(request.Id) || request.Id!.StartsWith('_') || request.Id.StartsWith("safety-ledger", StringComparison.OrdinalIgnoreCase))
        {
            errors["id"] = [$"'{request.Id}' is not an enterprise id (1 to {Identifiers.MaxLength} of [A-Za-z0-9_.-], not starting with '_' or safety-ledger)."];
        }
        else if (directory.FindEnterprise(request.Id) is not null)
        {
            errors["id"] = [$"enterprise '{request.Id}' is already registered."];
        }
        else if (directory.Enterprises().FirstOrDefault(e => Overlaps(e.Id, request.Id)) is { } overlapping)
        {
            errors["id"] = [$"'{request.Id}' and the registered '{overlapping.Id}' would make stream ids such as sensor-{{tenant}}-{{id}} ambiguous (one is the other followed by '-'); choose another id."];
        }

        if (!RegionCode.IsValid(request.Region))
        {
            errors["region"] = [$"'{request.Region}' is not a region code (1 to {RegionCode.MaxLength} of [A-Za-z0-9-], e.g. 320582)."];
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors["name"] = ["a name is required."];
        }

        ValidateName(request.Name, errors);
        if (errors.Count > 0)
        {
            throw new AccessValidationException(errors);
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(new EnterpriseRegistered(request.Id!, request.Region!, request.Name!.Trim()), AccessJsonContext.Default.EnterpriseRegistered);
        try
        {
            await AppendAsync(AccessEvents.EnterpriseStream(request.Id!), ExpectedVersion.NoStream, AccessEvents.EnterpriseRegistered, request.Id!, payload, actor, cancellationToken);
        }
        catch (WrongExpectedVersionException ex)
        {
            throw new AccessValidationException($"enterprise '{request.Id}' is already registered.", ex);
        }

        return directory.FindEnterprise(request.Id) ?? throw new InvalidOperationException($"Enterprise {request.Id} was appended but not applied.");
    }

    /// <summary>
    /// Stream ids join tenant and id with '-' (<c>sensor-a-b-c</c>), which identifiers may contain: they stay unambiguous
    /// as long as no registered enterprise id is another one followed by '-' (<c>a</c> and <c>a-b</c>).
    /// </summary>
    private static bool Overlaps(string registered, string candidate) =>
        candidate.StartsWith(registered + "-", StringComparison.Ordinal) || registered.StartsWith(candidate + "-", StringComparison.Ordinal);

    private static List<string> Distinct(IReadOnlyList<string>? values) =>
        values is null ? [] : values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();

    private static void ValidateName(string? name, Dictionary<string, string[]> errors)
    {
        if (name is { Length: > MaxNameLength } || (name is not null && name.Any(char.IsControl)))
        {
            errors["name"] = [$"at most {MaxNameLength} characters, no control characters."];
        }
    }

    private void ValidateScope(string? role, string? tenant, List<string> jurisdictions, List<string> enterprises, Dictionary<string, string[]> errors)
    {
        var enterpriseRole = Roles.IsEnterpriseRole(role);
        if (enterpriseRole && directory.FindEnterprise(tenant) is null)
        {
            errors["tenant"] = [$"an enterprise key needs a registered enterprise; '{tenant}' is not one (ledger enterprises add)."];
        }
        else if (!enterpriseRole && tenant is not null)
        {
            errors["tenant"] = [$"only enterprise roles ({string.Join(", ", Roles.Enterprise)}) are bound to a tenant."];
        }

        if (role == Roles.Regulator)
        {
            if (jurisdictions.Count is 0 or > MaxScopeEntries || !jurisdictions.TrueForAll(RegionCode.IsValid))
            {
                errors["jurisdictions"] = [$"a regulator key needs 1 to {MaxScopeEntries} region codes (e.g. 320500)."];
            }
        }
        else if (jurisdictions.Count > 0)
        {
            errors["jurisdictions"] = ["only regulator keys hold jurisdictions."];
        }

        if (role == Roles.Auditor)
        {
            if (enterprises.Count is 0 or > MaxScopeEntries)
            {
                errors["enterprises"] = [$"an auditor key needs 1 to {MaxScopeEntries} registered enterprises."];
            }
            else if (enterprises.Find(e => directory.FindEnterprise(e) is null) is { } unknown)
            {
                errors["enterprises"] = [$"'{unknown}' is not a registered enterprise."];
            }
        }
        else if (enterprises.Count > 0)
        {
            errors["enterprises"] = ["only auditor keys are assigned enterprises."];
        }
    }

    private async Task AppendAsync(string stream, ExpectedVersion expected, string type, string tenant, byte[] payload, string actor, CancellationToken cancellationToken)
    {
        var data = new EventData(type, tenant, time.GetUtcNow(), payload, new EventMetadata(Actor: actor));
        var result = await events.AppendAsync(new AppendRequest(stream, expected, [data]), cancellationToken);
        if (await events.ReadAsync(result.FirstPosition, cancellationToken) is { } entry)
        {
            directory.Apply(entry);
        }
    }
}
