using Microsoft.AspNetCore.Authentication;

namespace SafetyLedger.RegulatorGateway.Security;

/// <summary>Options of the API-key scheme (nothing to set today; the scheme reads the ledger's keys).</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions;
