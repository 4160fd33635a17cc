using System;

namespace Leanly.Auth;

/// <summary>
/// The access token could be renewed only by reading the credential source again (a vault, which may need an unlock or
/// ask for a password), and the caller (Tab completion) does not allow that: the renewal is left to the next command.
/// Not a <see cref="Errors.LeanlyException"/>: it is no failure of the renewal, so no other caller takes it as its answer.
/// </summary>
internal sealed class RenewalNeedsSourceException : Exception
{
    public RenewalNeedsSourceException(string source, Exception? inner = null)
        : base($"Renewing the access token needs the client secret read again from {source}, which this caller leaves to the next command.", inner)
    {
    }
}
