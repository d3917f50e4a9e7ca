using Microsoft.AspNetCore.Http.Metadata;

namespace SafetyLedger.RegulatorGateway.Security;

/// <summary>Endpoint metadata: the largest request body the route accepts (Kestrel answers 413 past it).</summary>
public sealed class RequestSizeLimit(long bytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = bytes;
}
