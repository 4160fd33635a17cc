using System;
using System.Management.Automation;

namespace Leanly;

/// <summary>Builds the ErrorRecords LeanlyPS writes: stable id, category, target, and a recommended action.</summary>
public static class LeanlyErrors
{
    public static ErrorRecord FromException(LeanlyException exception, object? target = null)
    {
        if (exception is LeanlyCredentialException credential)
        {
            return Create(credential, credential.ErrorId, credential.Category, target ?? credential.Target, credential.RecommendedAction);
        }

        var (id, category) = exception.Kind switch
        {
            LeanlyErrorKind.AuthenticationFailed => (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError),
            LeanlyErrorKind.RefreshFailed => (ErrorIds.RefreshFailed, ErrorCategory.AuthenticationError),
            LeanlyErrorKind.InvalidTokenResponse => (ErrorIds.InvalidTokenResponse, ErrorCategory.InvalidResult),
            LeanlyErrorKind.TokenEndpointError => (ErrorIds.TokenEndpointError, ErrorCategory.ProtocolError),
            LeanlyErrorKind.Unauthorized => (ErrorIds.Unauthorized, ErrorCategory.PermissionDenied),
            LeanlyErrorKind.GraphQLHttpError => (ErrorIds.GraphQLHttpError, ErrorCategory.ProtocolError),
            LeanlyErrorKind.InvalidGraphQLResponse => (ErrorIds.InvalidGraphQLResponse, ErrorCategory.InvalidResult),
            LeanlyErrorKind.Timeout => (ErrorIds.Timeout, ErrorCategory.OperationTimeout),
            LeanlyErrorKind.Throttled => (ErrorIds.Throttled, ErrorCategory.LimitsExceeded),
            LeanlyErrorKind.ServerUnavailable => (ErrorIds.ServiceUnavailable, ErrorCategory.ResourceUnavailable),
            LeanlyErrorKind.NetworkError => (ErrorIds.NetworkError, ErrorCategory.ConnectionError),
            LeanlyErrorKind.Redirected => (ErrorIds.RedirectRefused, ErrorCategory.SecurityError),
            LeanlyErrorKind.InsecureEndpoint => (ErrorIds.InsecureEndpoint, ErrorCategory.SecurityError),
            LeanlyErrorKind.CertificateInvalid => (ErrorIds.CertificateError, ErrorCategory.SecurityError),
            LeanlyErrorKind.TlsHandshakeFailed => (ErrorIds.TlsHandshakeFailed, ErrorCategory.SecurityError),
            LeanlyErrorKind.ProxyAuthenticationRequired => (ErrorIds.ProxyAuthenticationRequired, ErrorCategory.AuthenticationError),
            LeanlyErrorKind.InvalidRequest => (ErrorIds.InvalidVariables, ErrorCategory.InvalidArgument),
            LeanlyErrorKind.Disconnected => (ErrorIds.ConnectionClosed, ErrorCategory.InvalidOperation),
            LeanlyErrorKind.PagingFailed => (ErrorIds.PagingConnectionNotFound, ErrorCategory.InvalidResult),
            LeanlyErrorKind.CredentialUnavailable => (ErrorIds.CredentialMissing, ErrorCategory.InvalidArgument),
            _ => (ErrorIds.UnexpectedError, ErrorCategory.NotSpecified),
        };
        return Create(exception, id, category, target ?? exception.RequestUri, exception.RecommendedAction);
    }

    public static ErrorRecord Create(Exception exception, string errorId, ErrorCategory category, object? target, string? recommendedAction)
    {
        var record = new ErrorRecord(exception, errorId, category, target);
        if (!string.IsNullOrEmpty(recommendedAction))
        {
            record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = recommendedAction };
        }

        return record;
    }

    public static ErrorRecord NotConnected(bool otherRunspaceHint = true)
    {
        var message = "You are not connected to Leanly in this session.";
        var action = otherRunspaceHint
            ? "Run Connect-Leanly first. In another runspace (ForEach-Object -Parallel, Start-ThreadJob), pass the connection with -Connection: get it with Get-LeanlyConnection or Connect-Leanly -PassThru."
            : "Run Connect-Leanly first.";
        return Create(new LeanlyException(LeanlyErrorKind.Disconnected, message, action), ErrorIds.NotConnected, ErrorCategory.ConnectionError, null, action);
    }

    public static ErrorRecord Unexpected(Exception exception, object? target = null)
    {
        var message = $"LeanlyPS hit an unexpected {exception.GetType().Name}: {Redactor.Redact(exception.Message)}";
        var wrapped = new LeanlyException(LeanlyErrorKind.InvalidRequest, message, "Please report this with the command you ran (without secrets).", exception);
        return Create(wrapped, ErrorIds.UnexpectedError, ErrorCategory.NotSpecified, target, wrapped.RecommendedAction);
    }
}
