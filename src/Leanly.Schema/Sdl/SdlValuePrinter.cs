using System.Linq;
using GraphQLParser.AST;
using Leanly.Introspection;

namespace Leanly.Sdl;

/// <summary>
/// A default value's literal as graphql-js's introspection gives it (print of the literal): strings keep their block
/// or quoted form, lists and objects are spaced and wrapped past 80 characters the way print does.
/// </summary>
internal static class SdlValuePrinter
{
    public static string Print(GraphQLValue value, SdlSource source) => ValueLiteral.Normalize(Compact(value, source));

    private static string Compact(GraphQLValue value, SdlSource source) => value switch
    {
        GraphQLIntValue number => (string)number.Value,
        GraphQLFloatValue number => (string)number.Value,
        GraphQLBooleanValue boolean => boolean.BoolValue ? "true" : "false",
        GraphQLNullValue => "null",
        GraphQLEnumValue name => (string)name.Name.Value,
        GraphQLStringValue text => IsBlock(text, source) ? SdlText.Block((string)text.Value) : SdlText.Quoted((string)text.Value),
        GraphQLListValue list => "[" + string.Join(", ", (list.Values ?? new()).Select(item => Compact(item, source))) + "]",
        GraphQLObjectValue obj => "{" + string.Join(", ", (obj.Fields ?? new()).Select(field => (string)field.Name.Value + ": " + Compact(field.Value, source))) + "}",
        _ => throw source.Invalid(value, "a default value must be a constant, not a variable"),
    };

    // GraphQL-Parser 9.5 places a block string at the third of its opening quotes, a quoted string at its quote.
    private static bool IsBlock(GraphQLStringValue text, SdlSource source) =>
        text.Location.Start >= 2 && string.CompareOrdinal(source.Text, text.Location.Start - 2, "\"\"\"", 0, 3) == 0;
}
