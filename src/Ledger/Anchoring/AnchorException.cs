namespace SafetyLedger.Ledger.Anchoring;

/// <summary>Anchoring failed: misconfiguration, a node that does not answer as expected, a timeout, or a conflicting anchor.</summary>
public class AnchorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AnchorException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AnchorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public AnchorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
