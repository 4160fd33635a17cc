using System.Globalization;
using System.Text;
using GraphQL;

namespace Leanly.TestServer.GraphQL.Model;

/// <summary>Opaque Relay cursors: base64 of the item index.</summary>
internal static class ItemCursor
{
    public static string Encode(int index) => Convert.ToBase64String(Encoding.ASCII.GetBytes(index.ToString(CultureInfo.InvariantCulture)));

    public static int Decode(string cursor)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(cursor));
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                return index;
            }
        }
        catch (FormatException)
        {
        }

        throw new ExecutionError("The cursor is not valid.") { Code = "INVALID_CURSOR" };
    }
}
