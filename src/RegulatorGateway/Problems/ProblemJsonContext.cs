using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace SafetyLedger.RegulatorGateway.Problems;

[JsonSerializable(typeof(ProblemDetails))]
internal sealed partial class ProblemJsonContext : JsonSerializerContext;
