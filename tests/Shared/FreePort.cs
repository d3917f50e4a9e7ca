using System.Net;
using System.Net.Sockets;

namespace SafetyLedger.Testing;

/// <summary>
/// TCP ports on 127.0.0.1 for servers a test starts. A port the kernel hands out for port 0 lies in its ephemeral range
/// (32768–60999 on Linux), and once let go it may become the local port of any outgoing connection made meanwhile — the
/// test assemblies run side by side and connect all the time — so the server binding it a moment later failed now and
/// then. Ports are therefore picked below that range, where no outgoing connection is given one.
/// </summary>
internal static class FreePort
{
    private const int Lowest = 20_000;
    private const int AboveHighest = 32_000;

    /// <summary>A port below the ephemeral range that nothing listens on right now.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(Lowest, AboveHighest);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException($"No free TCP port on 127.0.0.1 from {Lowest} to {AboveHighest - 1} in 100 tries.");
    }

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
