using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

// The applications. Client: connect, think, write a request, read the whole response, repeat, then close as the
// scenario asks (or close in turn when the server does). Server: accept(), read each whole request, answer after the
// response delay, and after the last answer close as asked; a peer's FIN is answered by close().
public sealed partial class EndpointRuntime
{
    private bool _abortWhenAcked;

    private void React(TcbEvents events, Instant at, EndpointOutput output)
    {
        if ((events & TcbEvents.Connected) != 0 && _plan.Client)
        {
            _connectedAt = at;
            output.Handshakes.Add(at - _startedAt);
            if (_plan.Requests > 0) NextRequest(at, output);
            else if (_plan.IsCloser) CloseWhenDue(at, output);       // requests: 0, it closes once it holds it
        }
        if (_ended) return;
        if ((events & TcbEvents.DataArrived) != 0 && (_plan.Client || _accepted)) ReadAll(at, output);
        if (_ended) return;
        if ((events & TcbEvents.AllAcked) != 0) AllAcked(at, output);
        if (_ended) return;
        if ((events & TcbEvents.PeerClosed) != 0)
        {
            _peerClosed = true;
            if ((_plan.Client || _accepted) && !_closeCalled) PeerFin(at, output);
        }
    }

    private void Accept(Instant at, EndpointOutput output)
    {
        _accepted = true;
        ReadAll(at, output);
        if (!_ended && _plan.Requests == 0 && _plan.IsCloser && !_closeCalled) CloseWhenDue(at, output);
        if (!_ended && _peerClosed && !_closeCalled) PeerFin(at, output);
    }

    private void ReadAll(Instant at, EndpointOutput output)
    {
        _read += _tcb!.Read();
        if (_plan.Client) ClientRead(at, output);
        else ServerRead(at, output);
    }

    private void NextRequest(Instant at, EndpointOutput output)
    {
        if (_plan.Think > TimeSpan.Zero) SetAppTimer(at + _plan.Think, output);
        else SendRequest(at, output);
    }

    private void SendRequest(Instant at, EndpointOutput output)
    {
        _requestsSent++;
        if (_plan.RequestBytes > 0) Write(_plan.RequestBytes, at, output);
        else ResponseDone(at, output);                                     // nothing to ask: the exchange is empty
    }

    private void ClientRead(Instant at, EndpointOutput output)
    {
        if (_plan.ResponseBytes <= 0) return;                              // completion comes with AllAcked instead
        while (!_ended && _responsesDone < _requestsSent && _read >= (_responsesDone + 1) * _plan.ResponseBytes)
            ResponseDone(at, output);
    }

    private void ResponseDone(Instant at, EndpointOutput output)
    {
        _responsesDone++;
        if (_responsesDone < _plan.Requests) NextRequest(at, output);
        else if (_plan.Closes == Closer.Client && !_closeCalled) CloseWhenDue(at, output);
    }

    private void ServerRead(Instant at, EndpointOutput output)
    {
        if (_plan.RequestBytes <= 0) return;
        long complete = Math.Min(_read / _plan.RequestBytes, _plan.Requests);
        bool idle = _responsesQueued == _responsesDone;
        while (_responsesQueued < complete) _responsesQueued++;
        if (idle && _responsesQueued > _responsesDone) NextResponse(at, output);
    }

    private void NextResponse(Instant at, EndpointOutput output)
    {
        if (_plan.ResponseDelay > TimeSpan.Zero) SetAppTimer(at + _plan.ResponseDelay, output);
        else SendResponse(at, output);
    }

    private void SendResponse(Instant at, EndpointOutput output)
    {
        _responsesDone++;
        if (_plan.ResponseBytes > 0) Write(_plan.ResponseBytes, at, output);
        if (_ended) return;
        if (_responsesDone >= _plan.Requests && _plan.Closes == Closer.Server && !_closeCalled)
            CloseWhenDue(at, output);
        else if (_responsesQueued > _responsesDone) NextResponse(at, output);
    }

    private void AllAcked(Instant at, EndpointOutput output)
    {
        if (_abortWhenAcked)
        {
            _abortWhenAcked = false;
            Step(_tcb!.Abort(at), at, output);
            return;
        }
        // With an empty response the client's request is done once the server has acknowledged all of it.
        if (_plan.Client && _plan.ResponseBytes <= 0 && _responsesDone < _requestsSent && _written > 0)
            ResponseDone(at, output);
    }

    private void SessionTimer(Instant at, EndpointOutput output)
    {
        if (_plan.Client) SendRequest(at, output);
        else SendResponse(at, output);
    }

    private void Write(long bytes, Instant at, EndpointOutput output)
    {
        _written += bytes;
        Step(_tcb!.Send((int)Math.Min(bytes, int.MaxValue), at), at, output);
    }

    // SO_LINGER 0 would throw away unsent data, so an RST close waits until what was written is acknowledged.
    private void CloseAsAsked(Instant at, EndpointOutput output)
    {
        _closeCalled = true;
        if (_plan.Close == CloseKind.Fin) Step(_tcb!.Close(at), at, output);
        else if (_tcb!.BytesAcked >= _written) Step(_tcb.Abort(at), at, output);
        else _abortWhenAcked = true;
    }

    private void CloseNow(Instant at, EndpointOutput output)
    {
        _closeCalled = true;
        Step(_tcb!.Close(at), at, output);
    }
}
