namespace TcpSwarm.TestSupport.Ladders;

/// <summary>The user calls a script can make (RFC 9293's OPEN, SEND, CLOSE, ABORT; shutdown and accept).</summary>
public enum UserCall : byte
{
    Connect, ClientSend, ClientShutdown, ClientClose, ClientAbort, ServerSend, ServerShutdown, ServerClose, ServerAbort,
    Accept,
}
