using System;
using System.Text.Json;

namespace Leanly.Json;

/// <summary>
/// Property names by their UTF-8 bytes: an answer repeats the same few names on every object, so each is decoded
/// once and every object shares the one string (as Newtonsoft's name table does for ConvertFrom-Json).
/// </summary>
internal sealed class Utf8NameCache
{
    private const int MaxSlots = 1024;
    private const int MaxNameBytes = 128;

    private byte[]?[] _keys = new byte[16][];
    private string?[] _values = new string[16];
    private int _count;

    /// <summary>The name the reader is on; the reader must be on a PropertyName token.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > MaxNameBytes)
        {
            return reader.GetString()!;
        }

        var bytes = reader.ValueSpan;
        var hash = Hash(bytes);
        var slot = Find(bytes, hash);
        if (_keys[slot] is not null)
        {
            return _values[slot]!;
        }

        var name = reader.GetString()!;
        if (_count * 2 >= _keys.Length)
        {
            if (_keys.Length == MaxSlots)
            {
                return name;
            }

            Grow();
            slot = Find(bytes, hash);
        }

        _keys[slot] = bytes.ToArray();
        _values[slot] = name;
        _count++;
        return name;
    }

    private int Find(ReadOnlySpan<byte> bytes, uint hash)
    {
        var mask = _keys.Length - 1;
        var slot = (int)(hash & mask);
        while (_keys[slot] is { } key && !bytes.SequenceEqual(key))
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }

    private void Grow()
    {
        var keys = _keys;
        var values = _values;
        _keys = new byte[keys.Length * 2][];
        _values = new string[keys.Length * 2];
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] is { } key)
            {
                var slot = Find(key, Hash(key));
                _keys[slot] = key;
                _values[slot] = values[i];
            }
        }
    }

    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
