using SafetyLedger.RiskCore.Drift;
using SafetyLedger.RiskCore.Faults;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Multivariate;
using SafetyLedger.RiskCore.Readings;
using SafetyLedger.RiskCore.Rules;

namespace SafetyLedger.RiskCore.Streaming;

/// <summary>
/// The streaming risk core: each reading passes the threshold rules, the drift detector and the
/// stuck-sensor check of its sensor and the joint model of its area (tenant + site); the area's
/// current findings are fused into one <see cref="RiskAssessment"/>. State per sensor and per area is bounded and can be
/// snapshotted and restored. Not thread-safe: feed one engine from one consumer (shard by area).
/// </summary>
public sealed class RiskEngine
{
    private readonly RiskEngineOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ThresholdRules _rules;
    private readonly DriftTracker _drift;
    private readonly StuckSensorCheck _stuck;
    private readonly AreaMonitor _areas;
    private readonly RiskFusion _fusion;
    private readonly Dictionary<(string Tenant, string Site, string SensorId), SensorState> _sensors = [];
    private readonly Dictionary<(string Tenant, string Site), Area> _areaStates = [];

    public RiskEngine(RiskEngineOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _timeProvider = timeProvider;
        _rules = new ThresholdRules(options.Rules);
        _drift = new DriftTracker(options.Drift);
        _stuck = new StuckSensorCheck(options.StuckSensor);
        _areas = new AreaMonitor(options.Multivariate);
        _fusion = new RiskFusion(options.Fusion);
    }

    public int SensorCount => _sensors.Count;

    public RiskAssessment Process(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var area = AreaOf(reading.Tenant, reading.Site);
        if (!_options.IgnoredQualities.Contains(reading.Quality, StringComparer.OrdinalIgnoreCase) && double.IsFinite(reading.Value))
        {
            var sensor = SensorOf(reading, area);
            var rule = sensor.Rule;
            var ruleFinding = _rules.Evaluate(reading, ref rule);
            sensor.Rule = rule;
            var driftFinding = _drift.Update(reading, sensor.Drift, _rules.LimitsFor(reading));
            var stuck = sensor.Stuck;
            var stuckFinding = _stuck.Update(reading, ref stuck);
            sensor.Stuck = stuck;
            sensor.Findings = ruleFinding is null && driftFinding is null && stuckFinding is null
                ? []
                : new[] { ruleFinding, driftFinding, stuckFinding }.OfType<DetectorFinding>().ToArray();
            var joint = _areas.Update(reading, area.State);
            if (joint is not null || !area.State.Fresh.Contains(true))
            {
                area.Joint = joint;
            }
        }

        return Assess(reading, area);
    }

    public RiskEngineSnapshot Snapshot() => new(
        _options.ModelVersion,
        _timeProvider.GetUtcNow(),
        _sensors.Values.ToArray(),
        _areaStates.Select(pair => new AreaSnapshot(pair.Key.Tenant, pair.Key.Site, pair.Value.State)).ToArray());

    public void Restore(RiskEngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _sensors.Clear();
        _areaStates.Clear();
        foreach (var area in snapshot.Areas)
        {
            _areaStates[(area.Tenant, area.Site)] = new Area(area.State);
        }

        foreach (var sensor in snapshot.Sensors)
        {
            _sensors[(sensor.Tenant, sensor.Site, sensor.SensorId)] = sensor;
            AreaOf(sensor.Tenant, sensor.Site).Sensors.Add(sensor);
        }
    }

    private RiskAssessment Assess(Reading reading, Area area)
    {
        var findings = new List<DetectorFinding>();
        foreach (var sensor in area.Sensors)
        {
            findings.AddRange(sensor.Findings);
        }

        if (area.Joint is not null)
        {
            findings.Add(area.Joint);
        }

        var (level, confidence, detectors, explanation) = _fusion.Fuse(findings);
        return new RiskAssessment(reading.Tenant, reading.Site, reading.Time, level, confidence, detectors, explanation, _options.ModelVersion, findings);
    }

    private Area AreaOf(string tenant, string site)
    {
        if (!_areaStates.TryGetValue((tenant, site), out var area))
        {
            area = new Area(new AreaState());
            _areaStates[(tenant, site)] = area;
        }

        return area;
    }

    private SensorState SensorOf(Reading reading, Area area)
    {
        var key = (reading.Tenant, reading.Site, reading.SensorId);
        if (!_sensors.TryGetValue(key, out var sensor))
        {
            sensor = new SensorState { Tenant = reading.Tenant, Site = reading.Site, SensorId = reading.SensorId, Kind = reading.Kind };
            _sensors[key] = sensor;
            area.Sensors.Add(sensor);
        }

        return sensor;
    }

    private sealed class Area(AreaState state)
    {
        public AreaState State { get; } = state;

        public List<SensorState> Sensors { get; } = [];

        public DetectorFinding? Joint { get; set; }
    }
}
