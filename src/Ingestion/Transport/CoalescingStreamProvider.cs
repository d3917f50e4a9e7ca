using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using MQTTnet.Channel;
using SafetyLedger.Ledger.Security;

namespace SafetyLedger.Ingestion.Transport;

/// <summary>
/// Opens the external consumer's TCP connections (no delay, as MQTTnet's own) as <see cref="CoalescingStream"/>s and
/// keeps the current one, so the consumer can hold its writes while it acknowledges a batch. With a TLS host, the
/// connection is TLS (the broker's certificate checked by <see cref="CertificateAuthorityTrust"/>).
/// </summary>
internal sealed class CoalescingStreamProvider(string? tlsHost = null, CertificateAuthorityTrust? trust = null) : IMqttClientStreamProvider
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

        Stream transport = new NetworkStream(socket, ownsSocket: true);
        if (tlsHost is not null)
        {
            var tls = new SslStream(transport, leaveInnerStreamOpen: false, (_, certificate, _, errors) => trust?.Validate(certificate, errors) ?? errors == SslPolicyErrors.None);
            try
            {
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = tlsHost }, cancellationToken);
            }
            catch
            {
                await tls.DisposeAsync();
                throw;
            }

            transport = tls;
        }

        // Writes are held and sent together above TLS too: one record per run of acknowledgements.
        var stream = new CoalescingStream(transport);
        current = stream;
        return stream;
    }
}
