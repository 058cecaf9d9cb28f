namespace TcpSwarm.Drill.Syntax;

/// <summary>One timed line of a script: a packet, a system call, a shell command or a code block.</summary>
/// <param name="End">A blocking call's return time (<c>start...end</c>), else null.</param>
/// <param name="Text">The line as written, for messages.</param>
public abstract record ScriptEvent(int Line, int Column, ScriptTime Time, ScriptTime? End, string Text);
