using SafetyLedger.Ledger.Notes;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Explanations;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Response;

namespace SafetyLedger.RegulatorGateway.Tests.Support;

/// <summary>What several tests make the service do: raise a Red alert that commands the DCS, and read the log's public keys.</summary>
public static class Drills
{
    /// <summary>A Red, confident assessment of <paramref name="site"/> of <see cref="GatewayService.Tenant"/>, observed and responded to (an intervention is commanded).</summary>
    public static async Task RaiseRedAlertAsync(GatewayService service, string site = "plant-1")
    {
        ArgumentNullException.ThrowIfNull(service);
        var assessment = new RiskAssessment(GatewayService.Tenant, site, DateTimeOffset.UtcNow, RiskLevel.Red, 0.99, ["rules"], new Explanation("gas", [new SensorContribution("h2s-1", 60, 0, 25, 1, "level 2")]), "riskcore/1", []);
        var alert = await service.Get<AlertService>().ObserveAsync(assessment, [], CancellationToken.None);
        await service.Get<TieredResponder>().RespondAsync(alert!, CancellationToken.None);
    }

    /// <summary>The verifier keys at <c>/api/v1/log/keys</c>, fetched anonymously as a plant gateway would.</summary>
    public static async Task<IReadOnlyList<NoteVerifier>> LogKeysAsync(GatewayService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        using var http = service.Client(null);
        return (await http.GetStringAsync(new Uri("/api/v1/log/keys", UriKind.Relative))).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(NoteVerifier.Parse).ToList();
    }
}
