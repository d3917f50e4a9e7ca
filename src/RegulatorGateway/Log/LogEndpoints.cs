using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Merkle;
using SafetyLedger.Ledger.Proofs;
using SafetyLedger.RegulatorGateway.Security;

namespace SafetyLedger.RegulatorGateway.Log;

/// <summary>
/// The log's public read API: signed checkpoints, entries, RFC 9162 proofs, auditor bundles and
/// verifier keys. Checkpoints, keys and proofs (hashes only) are public; entries and bundles carry payloads, so a
/// caller sees only those of its scope. Proofs default to the latest checkpoint's tree size so they match a signed root.
/// </summary>
public static class LogEndpoints
{
    private const string NoteContentType = "text/plain; charset=utf-8";

    public static IEndpointRouteBuilder MapLogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var log = endpoints.MapGroup("/api/v1/log").WithTags("Log");
        log.MapGet("/checkpoint", LatestCheckpointAsync).AllowAnonymous();
        log.MapGet("/keys", (LogSigners signers) => Results.Text(string.Join('\n', signers.VerifierKeys) + "\n", NoteContentType)).AllowAnonymous();
        log.MapGet("/proofs/inclusion", InclusionAsync).AllowAnonymous();
        log.MapGet("/proofs/consistency", ConsistencyAsync).AllowAnonymous();
        log.MapGet("/entries/{position:long}", EntryAsync).RequireAuthorization(GatewayPolicies.Authenticated);
        log.MapGet("/bundles/{position:long}", BundleAsync).RequireAuthorization(GatewayPolicies.Authenticated);
        return endpoints;
    }

    private static async Task<IResult> LatestCheckpointAsync(ICheckpointStore checkpoints, CancellationToken ct)
    {
        var latest = await checkpoints.LatestAsync(ct);
        return latest is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No checkpoint yet", detail: "The log has not issued a checkpoint; one follows the first entries within the checkpoint period.")
            : Results.Text(latest.Note, NoteContentType);
    }

    /// <summary>An entry's bytes, when the caller may see its tenant (404 otherwise, as for a position past the end).</summary>
    private static async Task<IResult> EntryAsync(long position, HttpContext context, IEventStore events, EntryVisibility visibility, CancellationToken ct)
    {
        var entry = position >= 0 ? await events.ReadAsync(position, ct) : null;
        return entry is null || !visibility.CanSee(context.User, entry)
            ? NoSuchEntry(position)
            : Results.Bytes(entry.Bytes.ToArray(), "application/json");
    }

    private static async Task<IResult> InclusionAsync(long? index, long? treeSize, IMerkleLog log, ICheckpointStore checkpoints, CancellationToken ct)
    {
        if (index is null)
        {
            return BadRequest("The query parameter 'index' is required.");
        }

        var size = treeSize ?? (await checkpoints.LatestAsync(ct))?.TreeSize ?? log.Size;
        if (size <= 0 || size > log.Size || index < 0 || index >= size)
        {
            return BadRequest($"Need 0 <= index < treeSize <= {log.Size}; got index {index}, treeSize {size}.");
        }

        var document = new InclusionProofDocument(
            index.Value,
            size,
            Convert.ToBase64String(log.LeafHash(index.Value)),
            Convert.ToBase64String(log.Root(size)),
            log.InclusionProof(index.Value, size).Select(Convert.ToBase64String).ToList());
        return Results.Text(document.ToJson(), "application/json");
    }

    private static async Task<IResult> ConsistencyAsync(long? size1, long? size2, IMerkleLog log, ICheckpointStore checkpoints, CancellationToken ct)
    {
        if (size1 is null)
        {
            return BadRequest("The query parameter 'size1' is required.");
        }

        var to = size2 ?? (await checkpoints.LatestAsync(ct))?.TreeSize ?? log.Size;
        if (size1 <= 0 || size1 > to || to > log.Size)
        {
            return BadRequest($"Need 0 < size1 <= size2 <= {log.Size}; got size1 {size1}, size2 {to}.");
        }

        var document = new ConsistencyProofDocument(
            size1.Value,
            to,
            Convert.ToBase64String(log.Root(size1.Value)),
            Convert.ToBase64String(log.Root(to)),
            log.ConsistencyProof(size1.Value, to).Select(Convert.ToBase64String).ToList());
        return Results.Text(document.ToJson(), "application/json");
    }

    private static async Task<IResult> BundleAsync(long position, HttpContext context, BundleBuilder bundles, IEventStore events, EntryVisibility visibility, CancellationToken ct)
    {
        var entry = position >= 0 ? await events.ReadAsync(position, ct) : null;
        if (entry is null || !visibility.CanSee(context.User, entry))
        {
            return NoSuchEntry(position);
        }

        var bundle = await bundles.BuildAsync(position, ct);
        if (bundle is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not yet checkpointed", detail: $"Entry {position} is not covered by a signed checkpoint yet; retry after the next checkpoint.");
        }

        return Results.Text(bundle.ToJson(), "application/json");
    }

    private static IResult NoSuchEntry(long position) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such entry", detail: $"There is no entry at position {position} in the caller's scope.");

    private static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid proof request", detail: detail);
}
