namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>A key or enterprise command that is not acceptable; <see cref="Errors"/> names each field and what is wrong with it.</summary>
public sealed class AccessValidationException : Exception
{
    public AccessValidationException()
        : this(new Dictionary<string, string[]>(StringComparer.Ordinal))
    {
    }

    public AccessValidationException(string message)
        : this(new Dictionary<string, string[]>(StringComparer.Ordinal) { [string.Empty] = [message] })
    {
    }

    public AccessValidationException(string message, Exception innerException)
        : base(message, innerException) => Errors = new Dictionary<string, string[]>(StringComparer.Ordinal) { [string.Empty] = [message] };

    public AccessValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(string.Join("; ", errors.Select(e => string.IsNullOrEmpty(e.Key) ? string.Join(", ", e.Value) : $"{e.Key}: {string.Join(", ", e.Value)}"))) => Errors = errors;

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
