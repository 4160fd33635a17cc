using System.Linq;
using System.Management.Automation.Language;

namespace Leanly.Completion;

/// <summary>
/// The text of a string argument being completed, as PowerShell hands it to a completer: with its opening quote, and
/// with a closing quote that PowerShell adds even while the user has not typed it yet. A completion gives back the
/// whole argument again, in the same quotes, left open when the user left it open.
/// </summary>
internal sealed class QuotedArgument
{
    private readonly string _open;
    private readonly string _close;

    private QuotedArgument(string open, string content, string close)
    {
        _open = open;
        Content = content;
        _close = close;
    }

    /// <summary>The text between the quotes, as typed.</summary>
    public string Content { get; }

    public static QuotedArgument Parse(string? wordToComplete, CommandAst? commandAst)
    {
        var word = wordToComplete ?? string.Empty;
        if (word.Length == 0 || !IsQuote(word[0]))
        {
            return new QuotedArgument(string.Empty, word, string.Empty);
        }

        var open = word.Substring(0, 1);
        var closed = word.Length > 1 && IsQuote(word[word.Length - 1]);
        var content = closed ? word.Substring(1, word.Length - 2) : word.Substring(1);

        // Typed with its closing quote when the command line holds the word as it arrived; otherwise PowerShell added it.
        var typedClosed = closed && (commandAst is null || commandAst.CommandElements.Any(e => e.Extent.Text == word));
        return new QuotedArgument(open, content, typedClosed ? word.Substring(word.Length - 1) : string.Empty);
    }

    /// <summary>The whole argument with [start, start + length) of the content replaced by <paramref name="text"/>.</summary>
    public string Replace(int start, int length, string text) =>
        _open + Content.Substring(0, start) + text + Content.Substring(start + length) + _close;

    // PowerShell takes the typographic quotes too.
    private static bool IsQuote(char c) => c is '\'' or '"' or '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u201C' or '\u201D' or '\u201E';
}
