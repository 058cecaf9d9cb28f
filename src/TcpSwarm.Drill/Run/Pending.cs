using TcpSwarm.Drill.Syntax;

namespace TcpSwarm.Drill.Run;

// A blocking call under way: asked again after every step of the model until it returns.
internal sealed record Pending(SyscallLine Line, Func<CallResult?> Poll, long Lo, long Hi);
