using System.Net;
using System.Net.Http.Json;
using SafetyLedger.Ingestion.Registry;

namespace SafetyLedger.Ingestion.Simulation;

/// <summary>
/// Registers a simulation's sensors with a running service over its REST API
/// (<c>POST /api/v1/enterprises/{tenant}/sensors</c>, a safety manager's key in <c>X-Api-Key</c>), so its readings are not
/// dead-lettered as unknown. A sensor that is already registered counts as done.
/// </summary>
public sealed class SimulatedSensorRegistration(HttpClient http, string apiKey)
{
    /// <summary>Registers every sensor; returns how many were new. Throws <see cref="HttpRequestException"/> with the service's problem on refusal.</summary>
    public async Task<int> RegisterAsync(string tenant, IReadOnlyList<SensorRegistration> sensors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        var created = 0;
        foreach (var sensor in sensors)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/v1/enterprises/{Uri.EscapeDataString(tenant)}/sensors", UriKind.Relative))
            {
                Content = JsonContent.Create(sensor, IngestionJsonContext.Default.SensorRegistration),
            };
            request.Headers.Add("X-Api-Key", apiKey);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                created++;
            }
            else if (response.StatusCode != HttpStatusCode.Conflict)
            {
                var problem = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new HttpRequestException($"registering sensor '{sensor.Id}' was refused: {(int)response.StatusCode} {problem}", null, response.StatusCode);
            }
        }

        return created;
    }
}
