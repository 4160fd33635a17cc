using System;
using System.Buffers;

namespace Leanly.GraphQL;

/// <summary>One chunk of a response body read into memory; chained into a <see cref="ReadOnlySequence{T}"/>.</summary>
internal sealed class BodySegment : ReadOnlySequenceSegment<byte>
{
    public BodySegment(ReadOnlyMemory<byte> memory, BodySegment? previous)
    {
        Memory = memory;
        if (previous is not null)
        {
            RunningIndex = previous.RunningIndex + previous.Memory.Length;
            previous.Next = this;
        }
    }
}
