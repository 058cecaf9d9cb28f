namespace TcpSwarm.Calibration;

/// <summary>The kernel side of an experiment could not be set up or run: a tool failed, a socket call was refused.
/// </summary>
/// <remarks>Not a disagreement (that is a row beyond its tolerance) and not our bug: the machine said no, and the
/// message says what it said.</remarks>
public sealed class CalibrationException(string message, Exception? inner = null) : Exception(message, inner);
