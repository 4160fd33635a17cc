using System.Collections.Generic;
using System.Threading.Tasks;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Leanly.Validation;

/// <summary>
/// graphql-js's NoDeprecatedCustomRule: a deprecated field, argument, input field or enum value used. The reasons
/// come from the schema model (the source of truth), the positions from GraphQL.NET's type walk.
/// </summary>
internal sealed class NoDeprecatedRule : IValidationRule
{
    private readonly Schema _model;

    public NoDeprecatedRule(Schema model) => _model = model;

    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(new Visitor(_model, context));

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

    public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) => default;

    private sealed class Visitor : INodeVisitor
    {
        private readonly Schema _model;

        public Visitor(Schema model, ValidationContext context)
        {
            _model = model;
            Problems = context;
        }

        private ValidationContext Problems { get; }

        public ValueTask EnterAsync(ASTNode node, ValidationContext context)
        {
            switch (node)
            {
                case GraphQLField field:
                    CheckField(field, context);
                    break;
                case GraphQLArgument argument:
                    CheckArgument(argument, context);
                    break;
                case GraphQLObjectField objectField:
                    CheckInputField(objectField, context);
                    break;
                case GraphQLEnumValue enumValue:
                    CheckEnumValue(enumValue, context);
                    break;
            }

            return default;
        }

        public ValueTask LeaveAsync(ASTNode node, ValidationContext context) => default;

        private void CheckField(GraphQLField node, ValidationContext context)
        {
            var parent = context.TypeInfo.GetParentType()?.GetNamedType();
            var field = parent is null ? null : FindField(_model.FindType(parent.Name)?.Fields, node.Name.StringValue);
            if (field is { IsDeprecated: true })
            {
                Report(node, $"The field {parent!.Name}.{field.Name} is deprecated. {field.DeprecationReason}");
            }
        }

        private void CheckArgument(GraphQLArgument node, ValidationContext context)
        {
            var directive = context.TypeInfo.GetDirective();
            if (directive is not null)
            {
                var directiveArgument = FindInput(FindDirective(directive.Name)?.Arguments, node.Name.StringValue);
                if (directiveArgument is { IsDeprecated: true })
                {
                    Report(node, $"The argument \"@{directive.Name}({directiveArgument.Name}:)\" is deprecated. {directiveArgument.DeprecationReason}");
                }

                return;
            }

            var parent = context.TypeInfo.GetParentType()?.GetNamedType();
            var fieldDef = context.TypeInfo.GetFieldDef();
            if (parent is null || fieldDef is null)
            {
                return;
            }

            var argument = FindInput(FindField(_model.FindType(parent.Name)?.Fields, fieldDef.Name)?.Arguments, node.Name.StringValue);
            if (argument is { IsDeprecated: true })
            {
                Report(node, $"The argument \"{parent.Name}.{fieldDef.Name}({argument.Name}:)\" is deprecated. {argument.DeprecationReason}");
            }
        }

        private void CheckInputField(GraphQLObjectField node, ValidationContext context)
        {
            // TypeInfo's input type here is the field's own; the object's type is one level up.
            var inputObject = context.TypeInfo.GetInputType(1)?.GetNamedType();
            var field = inputObject is null ? null : FindInput(_model.FindType(inputObject.Name)?.InputFields, node.Name.StringValue);
            if (field is { IsDeprecated: true })
            {
                Report(node, $"The input field {inputObject!.Name}.{field.Name} is deprecated. {field.DeprecationReason}");
            }
        }

        private void CheckEnumValue(GraphQLEnumValue node, ValidationContext context)
        {
            var enumType = context.TypeInfo.GetInputType()?.GetNamedType();
            var type = enumType is null ? null : _model.FindType(enumType.Name);
            if (type is null)
            {
                return;
            }

            foreach (var value in type.EnumValues)
            {
                if (value.IsDeprecated && value.Name == node.Name.StringValue)
                {
                    Report(node, $"The enum value \"{type.Name}.{value.Name}\" is deprecated. {value.DeprecationReason}");
                }
            }
        }

        private SchemaDirective? FindDirective(string name)
        {
            foreach (var directive in _model.Directives)
            {
                if (directive.Name == name)
                {
                    return directive;
                }
            }

            return null;
        }

        private static SchemaField? FindField(IReadOnlyList<SchemaField>? fields, string name)
        {
            if (fields is not null)
            {
                foreach (var field in fields)
                {
                    if (field.Name == name)
                    {
                        return field;
                    }
                }
            }

            return null;
        }

        private static SchemaInputValue? FindInput(IReadOnlyList<SchemaInputValue>? values, string name)
        {
            if (values is not null)
            {
                foreach (var value in values)
                {
                    if (value.Name == name)
                    {
                        return value;
                    }
                }
            }

            return null;
        }

        private void Report(ASTNode node, string message) => Problems.ReportError(new DeprecationWarning(Problems.Document.Source, node, message));
    }
}
