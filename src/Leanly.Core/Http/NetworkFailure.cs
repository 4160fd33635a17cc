using System;
using System.Net;
using System.Net.Sockets;
using Leanly.Errors;

namespace Leanly.Http;

/// <summary>Why a request failed below HTTP, and whether the request can have reached the server.</summary>
internal readonly struct NetworkFailure
{
    private NetworkFailure(string reason, bool beforeSend)
    {
        Reason = reason;
        BeforeSend = beforeSend;
    }

    public string Reason { get; }

    /// <summary>True when the connection failed before any byte of the request left (refused, DNS): safe to send again.</summary>
    public bool BeforeSend { get; }

    public static NetworkFailure Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket)
            {
                var before = socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.TryAgain
                    or SocketError.NoData or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.AddressNotAvailable
                    or SocketError.HostDown;
                return new NetworkFailure(Describe(socket.SocketErrorCode, socket.Message), before);
            }

            if (current is WebException web && web.Status is WebExceptionStatus.ConnectFailure or WebExceptionStatus.NameResolutionFailure or WebExceptionStatus.ProxyNameResolutionFailure)
            {
                return new NetworkFailure(web.Status.ToString(), true);
            }
        }

        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return new NetworkFailure(Redactor.Redact(innermost.Message), false);
    }

    private static string Describe(SocketError error, string message) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "the host name could not be resolved (DNS)",
        SocketError.ConnectionReset => "the connection was reset by the server",
        SocketError.ConnectionAborted => "the connection was aborted",
        _ => $"{error}: {Redactor.Redact(message)}",
    };
}
