namespace SafetyLedger.Host.Cli;

/// <summary>The CLI's exit codes, as the design fixes them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A verification failed or the input was rejected.</summary>
    public const int Failed = 1;

    public const int Usage = 2;
}
