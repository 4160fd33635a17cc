using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using GraphQLParser.AST;

namespace Leanly.Validation;

/// <summary>
/// Where graphql-js puts a rule's location, from the node GraphQL.NET reports: for some rules graphql-js points at
/// a name or a value inside the node GraphQL.NET gives.
/// </summary>
internal static class ErrorLocations
{
    private static readonly Regex ValuePath = new(@"\G(?:In element #(?<element>\d+): \[?|In field '(?<field>[^']+)': )", RegexOptions.CultureInvariant);

    /// <summary>
    /// graphql-js reports these only once another rule's problem is gone (an unknown type is KnownTypeNames'; a
    /// fragment on a scalar is FragmentsOnCompositeTypes'), GraphQL.NET reports both.
    /// </summary>
    public static bool IsReportedByAnotherRule(string rule, ASTNode node, Schema schema, GraphQLDocument document)
    {
        switch (rule, node)
        {
            case ("VariablesAreInputTypes", GraphQLVariableDefinition variable):
                return NamedType(variable.Type) is GraphQLNamedType named && schema.FindType(named.Name.StringValue) is null;
            case ("PossibleFragmentSpreads", GraphQLFragmentSpread spread):
                foreach (var definition in document.Definitions)
                {
                    if (definition is GraphQLFragmentDefinition fragment && fragment.FragmentName.Name.StringValue == spread.FragmentName.Name.StringValue)
                    {
                        var kind = schema.FindType(fragment.TypeCondition.Type.Name.StringValue)?.Kind;
                        return kind is null or SchemaTypeKind.Scalar or SchemaTypeKind.Enum or SchemaTypeKind.InputObject;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    public static (int Line, int Column) Of(string rule, ASTNode node, string message, GraphQLDocument document)
    {
        var precise = (rule, node) switch
        {
            ("UniqueOperationNames", GraphQLOperationDefinition { Name: not null } operation) => operation.Name,
            ("UniqueFragmentNames", GraphQLFragmentDefinition fragment) => fragment.FragmentName.Name,
            ("KnownFragmentNames", GraphQLFragmentSpread spread) => spread.FragmentName.Name,
            ("UniqueVariableNames", GraphQLVariableDefinition variable) => variable.Variable.Name,
            ("KnownTypeNames", GraphQLVariableDefinition variable) => NamedType(variable.Type),
            ("ValuesOfCorrectType", GraphQLArgument argument) => WrongValue(argument.Value, message.Substring(message.IndexOf(". ", System.StringComparison.Ordinal) + 2)),
            ("VariablesAreInputTypes", GraphQLVariableDefinition variable) => NamedType(variable.Type),
            _ => node,
        };
        return LineColumn(document, rule == "UniqueInputFieldNames" ? FieldNameBefore(document, precise.Location.Start) : precise.Location.Start);
    }

    public static (int Line, int Column) LineColumn(GraphQLDocument document, int offset)
    {
        var source = document.Source.Span;
        int line = 1, lineStart = 0;
        for (var i = 0; i < offset && i < source.Length; i++)
        {
            if (source[i] == '\n' || (source[i] == '\r' && (i + 1 == source.Length || source[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    // GraphQL.NET reports a duplicate input field by its value, graphql-js by its name: the name before the colon.
    private static int FieldNameBefore(GraphQLDocument document, int valueStart)
    {
        var source = document.Source.Span;
        var i = valueStart - 1;
        while (i >= 0 && (char.IsWhiteSpace(source[i]) || source[i] == ',' || source[i] == ':'))
        {
            i--;
        }

        while (i >= 0 && (char.IsLetterOrDigit(source[i]) || source[i] == '_'))
        {
            i--;
        }

        return i + 1;
    }

    // GraphQL.NET says where inside an argument's value the problem is ("In element #2: In field 'x': ..."); graphql-js
    // puts its location there: the list element, the unknown object field, the object missing a field.
    private static ASTNode WrongValue(ASTNode value, string path)
    {
        var at = 0;
        for (var match = ValuePath.Match(path, at); match.Success; match = ValuePath.Match(path, at))
        {
            at = match.Index + match.Length;
            if (match.Groups["element"].Success && value is GraphQLListValue { Values: { } items } && int.Parse(match.Groups["element"].Value, CultureInfo.InvariantCulture) is var n && n >= 1 && n <= items.Count)
            {
                value = items[n - 1];
            }
            else if (match.Groups["field"].Success && value is GraphQLObjectValue { Fields: { } fields } && fields.FirstOrDefault(f => f.Name.StringValue == match.Groups["field"].Value) is { } field)
            {
                value = path.Substring(at).StartsWith("Unknown field", System.StringComparison.Ordinal) ? field : field.Value;
            }
            else
            {
                break;
            }
        }

        return value;
    }

    private static ASTNode NamedType(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => NamedType(nonNull.Type),
        GraphQLListType list => NamedType(list.Type),
        _ => type,
    };
}
