using System;
using System.Collections.Generic;
using System.Linq;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Leanly.Validation;

namespace Leanly;

/// <summary>
/// Checks a GraphQL document against a schema with every rule of the specification's validation section
/// (GraphQL.NET's core rules) and reports deprecated fields, arguments, input fields and enum values as warnings.
/// </summary>
public static class QueryValidator
{
    private static readonly DocumentValidator Validator = new();

    public static IReadOnlyList<QueryProblem> Validate(Schema schema, string document, string? path)
    {
        if (schema is null)
        {
            throw new ArgumentNullException(nameof(schema));
        }

        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        GraphQLDocument ast;
        try
        {
            ast = Parser.Parse(document, new ParserOptions { Ignore = IgnoreOptions.Comments });
        }
        catch (GraphQLParserException e)
        {
            var (line, column) = e.Message.Contains("found EOF") ? EndOf(document) : (e.Location.Line, e.Location.Column);
            return new[] { new QueryProblem { Path = path, Line = line, Column = column, Severity = QueryProblemSeverity.Error, Rule = "Syntax", Message = "Syntax Error: " + e.Description } };
        }

        var options = new ValidationOptions
        {
            Schema = ValidationSchemaCache.Get(schema),
            Document = ast,
            Rules = DocumentValidator.CoreRules.Append(new NoDeprecatedRule(schema)),
            Operation = ast.Definitions.OfType<GraphQLOperationDefinition>().FirstOrDefault()!,
            Variables = global::GraphQL.Inputs.Empty,
        };

        // The validator is synchronous for these rules (no resolvers, no I/O), so the task is complete on return.
        var result = Validator.ValidateAsync(in options).GetAwaiter().GetResult();

        var problems = new List<QueryProblem>();
        AddUnknownOperationTypes(schema, ast, path, problems);
        foreach (var error in result.Errors)
        {
            if (error is InvalidVariableError)
            {
                // A document checked alone has no variable values; GraphQL.NET's check of them does not apply.
                continue;
            }

            var warning = error is DeprecationWarning;
            var rule = warning ? "NoDeprecated" : RuleName(error);
            var node = (error as ValidationError)?.Nodes?.FirstOrDefault();
            if (node is not null && ErrorLocations.IsReportedByAnotherRule(rule, node, schema, ast))
            {
                continue;
            }

            var first = error.Locations?.FirstOrDefault();
            var (line, column) = node is not null ? ErrorLocations.Of(rule, node, error.Message, ast) : (first?.Line ?? 0, first?.Column ?? 0);
            problems.Add(new QueryProblem
            {
                Path = path,
                Line = line,
                Column = column,
                Severity = warning ? QueryProblemSeverity.Warning : QueryProblemSeverity.Error,
                Rule = rule,
                Message = error.Message,
            });
        }

        return problems;
    }

    // graphql-js's KnownOperationTypes, which GraphQL.NET leaves to execution.
    private static void AddUnknownOperationTypes(Schema schema, GraphQLDocument ast, string? path, List<QueryProblem> problems)
    {
        foreach (var operation in ast.Definitions.OfType<GraphQLOperationDefinition>())
        {
            var (kind, root) = operation.Operation switch
            {
                OperationType.Mutation => ("mutation", schema.MutationType),
                OperationType.Subscription => ("subscription", schema.SubscriptionType),
                _ => ("query", schema.QueryType),
            };
            if (root is null)
            {
                var (line, column) = ErrorLocations.LineColumn(ast, operation.Location.Start);
                problems.Add(new QueryProblem { Path = path, Line = line, Column = column, Severity = QueryProblemSeverity.Error, Rule = "KnownOperationTypes", Message = $"The {kind} operation is not supported by the schema." });
            }
        }
    }

    // graphql-js puts an unexpected end at the end of the text; GraphQL-Parser at the last token before it.
    private static (int Line, int Column) EndOf(string document)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < document.Length; i++)
        {
            if (document[i] == '\n' || (document[i] == '\r' && (i + 1 == document.Length || document[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, document.Length - lineStart + 1);
    }

    // GraphQL.NET names each rule's error class after graphql-js's rule: FieldsOnCorrectTypeError for FieldsOnCorrectTypeRule.
    private static string RuleName(global::GraphQL.ExecutionError error)
    {
        var name = error.GetType().Name;
        name = name.EndsWith("Error", StringComparison.Ordinal) ? name.Substring(0, name.Length - 5) : name;
        return name switch
        {
            "ProvidedNonNullArguments" => "ProvidedRequiredArguments",
            "ArgumentsOfCorrectType" => "ValuesOfCorrectType",
            "DirectivesInAllowedLocations" => "KnownDirectives",
            "KnownDirectivesInAllowedLocations" => "KnownDirectives",
            "UniqueDirectivesPerLocations" => "UniqueDirectivesPerLocation",
            _ => name,
        };
    }
}
