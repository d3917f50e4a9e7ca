namespace SafetyLedger.Ledger.Events;

/// <summary>Checks an append before it is queued, on the caller's thread, for every storage provider.</summary>
public static class AppendRequestValidation
{
    /// <summary>Throws <see cref="ArgumentException"/> for a missing stream id, no events, a missing type or tenant, or a payload that is not JSON.</summary>
    public static void Validate(AppendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.StreamId))
        {
            throw new ArgumentException("A stream id is required.", nameof(request));
        }

        if (request.Events is null || request.Events.Count == 0)
        {
            throw new ArgumentException($"An append to '{request.StreamId}' has no events.", nameof(request));
        }

        foreach (var data in request.Events)
        {
            if (string.IsNullOrWhiteSpace(data.EventType) || string.IsNullOrWhiteSpace(data.Tenant))
            {
                throw new ArgumentException($"Every event in '{request.StreamId}' needs an event type and a tenant.", nameof(request));
            }

            EntryCodec.ValidatePayload(data);
        }
    }
}
