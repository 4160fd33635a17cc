using System;

namespace Leanly.Http;

/// <summary>
/// Thrown by <see cref="CountingStream"/> inside a read; <see cref="HttpPipeline"/> turns it into the user's error,
/// as only it knows which request the answer belongs to.
/// </summary>
internal sealed class ResponseTooLargeException : Exception
{
    public ResponseTooLargeException(long maxBytes, long bytesRead)
        : base($"The answer passed {maxBytes} bytes ({bytesRead} read).")
    {
        MaxBytes = maxBytes;
        BytesRead = bytesRead;
    }

    public long MaxBytes { get; }

    public long BytesRead { get; }
}
