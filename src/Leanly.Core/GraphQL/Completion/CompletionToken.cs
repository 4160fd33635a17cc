namespace Leanly.GraphQL.Completion;

/// <summary>A token of a half-typed document: a name, a variable ($name), a punctuator or a value, with its offset.</summary>
internal readonly struct CompletionToken
{
    public CompletionToken(char kind, string text, int start)
    {
        Kind = kind;
        Text = text;
        Start = start;
    }

    /// <summary>'n' name, '$' variable, 'v' string or number, else the punctuator itself ('{', '(', ':', '.' for "...").</summary>
    public char Kind { get; }

    public string Text { get; }

    public int Start { get; }
}
