using System;
using System.Collections.Generic;
using System.Linq;
using GraphQLParser.AST;

namespace Leanly.Sdl;

/// <summary>
/// The directives an SDL document applies: each known, at a location it is declared for, once unless repeatable,
/// with known arguments and the required ones given (graphql-js's SDL rules); and what @deprecated and
/// @specifiedBy say.
/// </summary>
internal sealed class SdlDirectives
{
    private const string DefaultDeprecationReason = "No longer supported";

    private readonly Dictionary<string, SchemaDirective> _known;
    private readonly SdlSource _source;

    public SdlDirectives(IEnumerable<SchemaDirective> known, SdlSource source)
    {
        _known = new Dictionary<string, SchemaDirective>(StringComparer.Ordinal);
        foreach (var directive in known)
        {
            _known[directive.Name] = directive;
        }

        _source = source;
    }

    public void Check(IHasDirectivesNode node, string location)
    {
        if (node.Directives is null)
        {
            return;
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directive in node.Directives)
        {
            var name = directive.Name.StringValue;
            if (!_known.TryGetValue(name, out var declared))
            {
                throw _source.Invalid(directive, $"Unknown directive \"@{name}\".");
            }

            if (!declared.Locations.Contains(location, StringComparer.Ordinal))
            {
                throw _source.Invalid(directive, $"Directive \"@{name}\" may not be used on {location}.");
            }

            if (!used.Add(name) && !declared.IsRepeatable)
            {
                throw _source.Invalid(directive, $"The directive \"@{name}\" can only be used once at this location.");
            }

            CheckArguments(directive, declared);
        }
    }

    /// <summary>The reason of @deprecated (its default when none is given), or null when the node is not deprecated.</summary>
    public static string? DeprecationReason(IHasDirectivesNode node)
    {
        var deprecated = Find(node, "deprecated");
        if (deprecated is null)
        {
            return null;
        }

        var reason = deprecated.Arguments?.FirstOrDefault(a => a.Name.StringValue == "reason");
        return reason is null ? DefaultDeprecationReason : (reason.Value as GraphQLStringValue)?.Value.ToString();
    }

    public static string? SpecifiedByUrl(IHasDirectivesNode node) =>
        (Find(node, "specifiedBy")?.Arguments?.FirstOrDefault(a => a.Name.StringValue == "url")?.Value as GraphQLStringValue)?.Value.ToString();

    private static GraphQLDirective? Find(IHasDirectivesNode node, string name) => node.Directives?.FirstOrDefault(d => d.Name.StringValue == name);

    private void CheckArguments(GraphQLDirective directive, SchemaDirective declared)
    {
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in directive.Arguments ?? Enumerable.Empty<GraphQLArgument>())
        {
            var name = argument.Name.StringValue;
            if (!declared.Arguments.Any(a => a.Name == name))
            {
                throw _source.Invalid(argument, $"Unknown argument \"{name}\" on directive \"@{declared.Name}\".");
            }

            if (!given.Add(name))
            {
                throw _source.Invalid(argument, $"There can be only one argument named \"{name}\".");
            }

            if (argument.Value is GraphQLVariable)
            {
                throw _source.Invalid(argument.Value, "a directive in a schema takes constant arguments, not variables.");
            }
        }

        var missing = declared.Arguments.FirstOrDefault(a => a.Type.EndsWith("!", StringComparison.Ordinal) && a.DefaultValue is null && !given.Contains(a.Name));
        if (missing is not null)
        {
            throw _source.Invalid(directive, $"Argument \"@{declared.Name}({missing.Name}:)\" of type \"{missing.Type}\" is required, but it was not provided.");
        }
    }
}
