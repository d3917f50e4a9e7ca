using Microsoft.AspNetCore.Http;

namespace SafetyLedger.RegulatorGateway.Telemetry;

/// <summary>Reads a request body up to a limit; a longer body is cut at the limit and marked too large (it becomes a dead letter, not lost silently).</summary>
internal static class BoundedBody
{
    public static async Task<(byte[] Body, bool TooLarge, long Length)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            total += read;
            var keep = (int)Math.Min(read, Math.Max(0, limit - buffer.Length));
            await buffer.WriteAsync(chunk.AsMemory(0, keep), cancellationToken);
        }

        return (buffer.ToArray(), total > limit, total);
    }
}
