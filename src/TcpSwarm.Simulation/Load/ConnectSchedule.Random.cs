using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Load;

// The random processes (Poisson, ramp): a cursor over the address's arrival sequence, drawn from its own stream.
public sealed partial class ConnectSchedule
{
    private readonly ulong _seed, _entity;
    private readonly double _meanGapNs;                  // Poisson: n/R, in ns
    private readonly RampHazard _ramp;
    private readonly StageHazard? _stages;
    private SimRandom _rng;
    private long _prevNs, _nextNs;                       // _nextNs follows _prevNs in the sequence (MinValue: none)

    // The sequence is a function of the seed alone: rewinding means drawing it again from its first arrival.
    private void Restart()
    {
        _rng = SimRandom.For(_seed, _entity, Purpose);
        _prevNs = long.MinValue;
        _nextNs = _kind is ArrivalKind.Poisson or ArrivalKind.Ramp or ArrivalKind.Stages
            ? Following(long.MinValue)
            : long.MaxValue;
    }

    private long NextRandom(long afterNs)
    {
        if (afterNs < _prevNs) Restart();
        while (_nextNs <= afterNs)                     // ends: _nextNs grows, and is Never past Stop > after
        {
            _prevNs = _nextNs;
            _nextNs = Following(_prevNs);
        }
        return _nextNs;
    }

    // The arrival after prevNs (MinValue: the first, counted from Start), or MaxValue at or past Stop.
    private long Following(long prevNs)
    {
        long originNs = prevNs == long.MinValue ? _startNs : prevNs;
        double exp = -Math.Log(1.0 - _rng.NextDouble());   // Exp(1); 1 - U is in (0, 1]
        double fromStartNs = _kind switch
        {
            ArrivalKind.Poisson => originNs - _startNs + exp * _meanGapNs,
            ArrivalKind.Stages => _stages!.TimeOf(_stages.Integral(originNs - _startNs) + exp),
            _ => _ramp.TimeOf(_ramp.Integral(originNs - _startNs) + exp),   // exact inversion of the integrated rate
        };
        if (!(fromStartNs < _stopNs - _startNs)) return long.MaxValue;   // also catches +infinity (rate 0 for good)
        long at = _startNs + (long)Math.Round(fromStartNs);
        if (prevNs != long.MinValue && at <= prevNs) at = prevNs + 1;
        return at < _stopNs ? at : long.MaxValue;
    }
}
