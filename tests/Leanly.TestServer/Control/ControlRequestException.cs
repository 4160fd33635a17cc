namespace Leanly.TestServer.Control;

/// <summary>A control request the server cannot carry out; answered with 400.</summary>
internal sealed class ControlRequestException(string message) : Exception(message);
