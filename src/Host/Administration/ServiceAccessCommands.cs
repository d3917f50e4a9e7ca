using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SafetyLedger.RegulatorGateway.Access;
using SafetyLedger.RegulatorGateway.Admin;

namespace SafetyLedger.Host.Administration;

/// <summary>With the service running: the commands go to its admin API with the local admin key.</summary>
internal sealed class ServiceAccessCommands(HttpClient http) : IAccessCommands
{
    public static ServiceAccessCommands Create(ServiceFile service, LocalAdminKey key)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(key);
        var http = new HttpClient { BaseAddress = new Uri(service.Url), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add(RegulatorGateway.Security.ApiKeyDefaults.Header, key.Secret);
        return new ServiceAccessCommands(http);
    }

    public async Task<IssuedKey> CreateKeyAsync(CreateKeyRequest request, CancellationToken cancellationToken)
    {
        var created = await PostAsync("api/v1/admin/keys", request, AdministrationJsonContext.Default.CreateKeyRequest, AdministrationJsonContext.Default.CreatedKeyView, cancellationToken);
        return new IssuedKey(created!.Id, created.Key);
    }

    public async Task<IReadOnlyList<KeyView>> ListKeysAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync(new Uri("api/v1/admin/keys", UriKind.Relative), AdministrationJsonContext.Default.ListKeyView, cancellationToken) ?? [];

    public Task<KeyView?> RevokeKeyAsync(string id, string? reason, CancellationToken cancellationToken) =>
        PostAsync($"api/v1/admin/keys/{Uri.EscapeDataString(id)}/revoke", new RevokeKeyBody(reason), AdministrationJsonContext.Default.RevokeKeyBody, AdministrationJsonContext.Default.KeyView, cancellationToken);

    public async Task<EnterpriseRecord> AddEnterpriseAsync(RegisterEnterpriseRequest request, CancellationToken cancellationToken) =>
        (await PostAsync("api/v1/admin/enterprises", request, AdministrationJsonContext.Default.RegisterEnterpriseRequest, AdministrationJsonContext.Default.EnterpriseRecord, cancellationToken))!;

    public async Task<IReadOnlyList<EnterpriseRecord>> ListEnterprisesAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync(new Uri("api/v1/admin/enterprises", UriKind.Relative), AdministrationJsonContext.Default.ListEnterpriseRecord, cancellationToken) ?? [];

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Posts and reads the answer; a 404 is null, a 400 an <see cref="AccessValidationException"/> with the service's field errors.</summary>
    private async Task<TOut?> PostAsync<TIn, TOut>(string path, TIn body, JsonTypeInfo<TIn> input, JsonTypeInfo<TOut> output, CancellationToken cancellationToken)
        where TOut : class
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, input, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
        {
            throw new AccessValidationException(await ErrorsAsync(response, cancellationToken));
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the service answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync(output, cancellationToken);
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (problem.RootElement.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in fields.EnumerateObject())
            {
                errors[field.Name] = field.Value.EnumerateArray().Select(v => v.GetString() ?? string.Empty).ToArray();
            }
        }
        else
        {
            errors[string.Empty] = [problem.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "refused" : "refused"];
        }

        return errors;
    }
}
