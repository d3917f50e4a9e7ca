namespace SafetyLedger.RiskCore.Multivariate;

/// <summary>
/// Serialisable state of one area's joint model: the sensors in column order, their latest values,
/// which were updated since the last snapshot, the bounded training buffer, and once fitted the model and its limits.
/// </summary>
public sealed class AreaState
{
    public IList<string> SensorIds { get; init; } = [];

    public IList<double> Latest { get; init; } = [];

    public IList<bool> Fresh { get; init; } = [];

    public IList<IList<double>> Training { get; init; } = [];

    public PcaModelState? Model { get; set; }

    public double T2Limit { get; set; }

    public double QLimit { get; set; }

    public int Above { get; set; }
}
