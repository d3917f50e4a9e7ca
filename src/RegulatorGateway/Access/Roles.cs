namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>The roles a key carries (design.md, "Tenancy and access").</summary>
public static class Roles
{
    public const string Device = "device";
    public const string Dcs = "dcs";
    public const string Operator = "operator";
    public const string SafetyManager = "safety-manager";
    public const string Approver = "approver";
    public const string Carrier = "carrier";
    public const string Receiver = "receiver";
    public const string Regulator = "regulator";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    /// <summary>Roles of an enterprise's own keys: each is bound to one tenant.</summary>
    public static IReadOnlyList<string> Enterprise { get; } = [Device, Dcs, Operator, SafetyManager, Approver, Carrier, Receiver];

    /// <summary>Every role.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enterprise, Regulator, Auditor, Admin];

    /// <summary>People of an enterprise who read its records (machines — device, dcs — do not).</summary>
    public static IReadOnlyList<string> EnterpriseStaff { get; } = [Operator, SafetyManager, Approver, Carrier, Receiver];

    /// <summary>Who reads an enterprise's records: its staff, and the regulators and auditors whose scope covers it.</summary>
    public static IReadOnlyList<string> Readers { get; } = [.. EnterpriseStaff, Regulator, Auditor];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    public static bool IsEnterpriseRole(string? role) => role is not null && Enterprise.Contains(role, StringComparer.Ordinal);
}
