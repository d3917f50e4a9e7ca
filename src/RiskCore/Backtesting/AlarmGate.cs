namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>Debounces a score against a threshold of 1: raise after N samples above, hold M samples after.</summary>
internal sealed class AlarmGate(int consecutiveToAlarm, int holdSamples)
{
    private int _above;
    private int _hold;

    public bool Next(double score)
    {
        _above = score >= 1.0 ? _above + 1 : 0;
        if (_above >= Math.Max(1, consecutiveToAlarm))
        {
            _hold = holdSamples;
            return true;
        }

        if (_hold > 0)
        {
            _hold--;
            return true;
        }

        return false;
    }
}
