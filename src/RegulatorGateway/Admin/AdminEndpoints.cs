using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SafetyLedger.RegulatorGateway.Access;
using SafetyLedger.RegulatorGateway.Problems;
using SafetyLedger.RegulatorGateway.Security;

namespace SafetyLedger.RegulatorGateway.Admin;

/// <summary>
/// <c>/api/v1/admin</c>: keys (create, list, revoke) and enterprises (register, list), for <c>admin</c> keys only.
/// Each command is a ledger entry whose actor is the admin key.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/v1/admin").RequireAuthorization(GatewayPolicies.Admin).WithTags("Admin");
        admin.MapPost("/keys", CreateKeyAsync).WithMetadata(new RequestSizeLimit(16 * 1024));
        admin.MapGet("/keys", (AccessDirectory directory) => Results.Json(directory.Keys().Select(KeyView.From).ToList(), GatewayJsonContext.Default.ListKeyView));
        admin.MapPost("/keys/{id}/revoke", RevokeKeyAsync).WithMetadata(new RequestSizeLimit(4 * 1024));
        admin.MapPost("/enterprises", RegisterEnterpriseAsync).WithMetadata(new RequestSizeLimit(4 * 1024));
        admin.MapGet("/enterprises", (AccessDirectory directory) => Results.Json(directory.Enterprises().ToList(), GatewayJsonContext.Default.ListEnterpriseRecord));
        return endpoints;
    }

    private static async Task<IResult> CreateKeyAsync(HttpContext context, AccessAdministration administration, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync(context.Request, GatewayJsonContext.Default.CreateKeyRequest, ct);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var created = await administration.CreateKeyAsync(body!, CallerOf(context).Actor, ct);
            var view = new CreatedKeyView(created.Record.Id, created.Secret, KeyView.From(created.Record));
            return Results.Json(view, GatewayJsonContext.Default.CreatedKeyView, statusCode: StatusCodes.Status201Created);
        }
        catch (AccessValidationException ex)
        {
            return ApiProblems.Validation(ex.Errors);
        }
    }

    private static async Task<IResult> RevokeKeyAsync(string id, HttpContext context, AccessAdministration administration, CancellationToken ct)
    {
        if (ApiProblems.InvalidId(("id", id)) is { } invalid)
        {
            return invalid;
        }

        RevokeKeyBody? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.HasJsonContentType())
        {
            (body, var problem) = await JsonBody.ReadAsync(context.Request, GatewayJsonContext.Default.RevokeKeyBody, ct);
            if (problem is not null)
            {
                return problem;
            }
        }

        try
        {
            return await administration.RevokeKeyAsync(id, body?.Reason, CallerOf(context).Actor, ct) is { } revoked
                ? Results.Json(KeyView.From(revoked), GatewayJsonContext.Default.KeyView)
                : ApiProblems.NotFound("No such key", $"There is no key '{id}'.");
        }
        catch (AccessValidationException ex)
        {
            return ApiProblems.Validation(ex.Errors);
        }
    }

    private static async Task<IResult> RegisterEnterpriseAsync(HttpContext context, AccessAdministration administration, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync(context.Request, GatewayJsonContext.Default.RegisterEnterpriseRequest, ct);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var enterprise = await administration.RegisterEnterpriseAsync(body!, CallerOf(context).Actor, ct);
            return Results.Json(enterprise, GatewayJsonContext.Default.EnterpriseRecord, statusCode: StatusCodes.Status201Created);
        }
        catch (AccessValidationException ex)
        {
            return ApiProblems.Validation(ex.Errors);
        }
    }

    private static Caller CallerOf(HttpContext context) =>
        Caller.From(context.User) ?? throw new InvalidOperationException("An admin route ran without an authenticated caller.");
}
