using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace SafetyLedger.Ingestion.Transport;

/// <summary>
/// Opens the external consumer's TCP connections (no delay, as MQTTnet's own) as <see cref="CoalescingStream"/>s and
/// keeps the current one, so the consumer can hold its writes while it acknowledges a batch.
/// </summary>
internal sealed class CoalescingStreamProvider : IMqttClientStreamProvider
{
    private volatile CoalescingStream? current;

    /// <summary>Holds the current connection's writes (see <see cref="CoalescingStream.Hold"/>); nothing to hold when not connected.</summary>
    public CoalescingStream.Held? Hold() => current?.Hold();

    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(brokerEndPoint);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(brokerEndPoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var stream = new CoalescingStream(new NetworkStream(socket, ownsSocket: true));
        current = stream;
        return stream;
    }
}
