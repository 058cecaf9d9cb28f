namespace TcpSwarm.Simulation.Model;

/// <summary>What one client connection does once established: requests, think time, and who closes, how.</summary>
/// <remarks>For each of Requests: wait Think (after the handshake for the first, after the previous response for
/// the others), write RequestBytes, read the server's response. Then the side named by Closes closes: the client
/// after the last response, the server after writing it. With Requests 0 the closer closes as soon as it holds the
/// connection (the client at ESTABLISHED, the server at accept()).</remarks>
/// <param name="RequestBytes">Bytes written per request; at least 1 when Requests is above 0.</param>
/// <param name="Think">The wait before each request; 0 or more.</param>
/// <param name="Requests">0 to 1,000,000.</param>
/// <param name="Closes">The side that closes first, and so the one that holds TIME_WAIT after a FIN close.</param>
/// <param name="Close">FIN (close()), or RST (SO_LINGER 0 then close(): no TIME_WAIT).</param>
/// <param name="CloseAfter">How long the closer waits, once it would close, before it does (never: it holds the
/// connection open); null is at once.</param>
/// <param name="PassiveCloseAfter">How long the other side takes to call close() after it reads the closer's FIN,
/// staying in CLOSE_WAIT meanwhile (never: a leaking application, CLOSE_WAIT for good); null is at once.</param>
public sealed record SessionSpec(long RequestBytes, TimeSpan Think, int Requests, Closer Closes, CloseKind Close,
    DelaySpec? CloseAfter = null, DelaySpec? PassiveCloseAfter = null);
