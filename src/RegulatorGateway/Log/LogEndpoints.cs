using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Merkle;
using SafetyLedger.Ledger.Proofs;

namespace SafetyLedger.RegulatorGateway.Log;

/// <summary>
/// The log's public read API: signed checkpoints, entries, RFC 9162 proofs, auditor bundles and
/// verifier keys. Proofs default to the latest checkpoint's tree size so they match a signed root.
/// </summary>
public static class LogEndpoints
{
    private const string NoteContentType = "text/plain; charset=utf-8";

    public static IEndpointRouteBuilder MapLogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var log = endpoints.MapGroup("/api/log").WithTags("Log");
        log.MapGet("/checkpoint", LatestCheckpointAsync);
        log.MapGet("/keys", (LogSigners signers) => Results.Text(string.Join('\n', signers.VerifierKeys) + "\n", NoteContentType));
        log.MapGet("/entries/{position:long}", EntryAsync);
        log.MapGet("/proofs/inclusion", InclusionAsync);
        log.MapGet("/proofs/consistency", ConsistencyAsync);
        log.MapGet("/bundles/{position:long}", BundleAsync);
        return endpoints;
    }

    private static async Task<IResult> LatestCheckpointAsync(ICheckpointStore checkpoints, CancellationToken ct)
    {
        var latest = await checkpoints.LatestAsync(ct);
        return latest is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No checkpoint yet", detail: "The log has not issued a checkpoint; one follows the first entries within the checkpoint period.")
            : Results.Text(latest.Note, NoteContentType);
    }

    private static async Task<IResult> EntryAsync(long position, IEventStore events, CancellationToken ct)
    {
        var entry = await events.ReadAsync(position, ct);
        return entry is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such entry", detail: $"There is no entry at position {position}; the log has {events.Count}.")
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

    private static async Task<IResult> BundleAsync(long position, BundleBuilder bundles, IEventStore events, CancellationToken ct)
    {
        if (position < 0 || position >= events.Count)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such entry", detail: $"There is no entry at position {position}; the log has {events.Count}.");
        }

        var bundle = await bundles.BuildAsync(position, ct);
        if (bundle is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not yet checkpointed", detail: $"Entry {position} is not covered by a signed checkpoint yet; retry after the next checkpoint.");
        }

        return Results.Text(bundle.ToJson(), "application/json");
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid proof request", detail: detail);
}
