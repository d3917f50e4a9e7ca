namespace SafetyLedger.RiskCore.Tests.Support;

/// <summary>Waits (in real time, at most 10 s) for something a background service does.</summary>
internal static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }
}
