using System.Collections.Generic;

namespace Leanly.GraphQL.Completion;

/// <summary>Follows the tokens before the cursor, keeping the open brackets and what each is about.</summary>
internal sealed class CompletionWalk
{
    private readonly Schema _schema;
    private readonly List<CompletionFrame> _frames = new();
    private string? _pendingType;
    private string? _lastDirective;
    private string? _variableName;

    public CompletionWalk(Schema schema) => _schema = schema;

    public CompletionFrame? Top => _frames.Count == 0 ? null : _frames[_frames.Count - 1];

    /// <summary>The variables the current operation declares before the cursor: name and SDL type.</summary>
    public List<(string Name, string? Type)> Variables { get; } = new();

    /// <summary>The directive location of the current operation or fragment definition (QUERY, FRAGMENT_DEFINITION, ...).</summary>
    public string? OperationLocation { get; private set; }

    public void Run(List<CompletionToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var previous = i > 0 ? tokens[i - 1] : default;
            var next = i + 1 < tokens.Count ? tokens[i + 1] : default;
            switch (Top?.Kind)
            {
                case null:
                    TopLevel(token, previous);
                    break;
                case 's':
                    Selection(Top, token, previous, next);
                    break;
                case 'v':
                    VariableDefinitions(Top, token);
                    break;
                default:
                    Value(Top, token);
                    break;
            }
        }
    }

    private void TopLevel(CompletionToken token, CompletionToken previous)
    {
        switch (token.Kind)
        {
            case 'n' when token.Text is "query" or "mutation" or "subscription":
                _pendingType = token.Text == "query" ? _schema.QueryType : token.Text == "mutation" ? _schema.MutationType : _schema.SubscriptionType;
                OperationLocation = token.Text.ToUpperInvariant();
                Variables.Clear();
                break;
            case 'n' when token.Text == "fragment":
                OperationLocation = "FRAGMENT_DEFINITION";
                Variables.Clear();
                break;
            case 'n' when previous.Kind == 'n' && previous.Text == "on":
                _pendingType = token.Text;
                break;
            case '(':
                _frames.Add(new CompletionFrame('v', null));
                break;
            case '{':
                if (previous.Kind is not ('n' or ')' or '@' or '!' or ']'))
                {
                    Variables.Clear();
                    OperationLocation = "QUERY";
                }

                _frames.Add(new CompletionFrame('s', _pendingType ?? _schema.QueryType));
                _pendingType = null;
                break;
        }
    }

    private void Selection(CompletionFrame frame, CompletionToken token, CompletionToken previous, CompletionToken next)
    {
        switch (token.Kind)
        {
            case '.':
                frame.AfterSpread = true;
                frame.AfterOn = false;
                break;
            case 'n' when previous.Kind == '@':
                _lastDirective = token.Text;
                break;
            case 'n' when frame.AfterSpread && token.Text == "on" && previous.Kind == '.':
                frame.AfterOn = true;
                break;
            case 'n' when frame.AfterOn:
                frame.PendingType = token.Text;
                frame.AfterOn = false;
                break;
            case 'n' when frame.AfterSpread:
                frame.AfterSpread = false;
                break;
            case 'n' when next.Kind == ':':
                break;
            case 'n':
                frame.LastField = FindField(frame.Type, token.Text);
                _lastDirective = null;
                break;
            case '(':
                var arguments = previous.Kind == 'n' && previous.Text == _lastDirective ? FindDirective(_lastDirective)?.Arguments : frame.LastField?.Arguments;
                _frames.Add(new CompletionFrame('a', null) { Arguments = arguments });
                break;
            case '{':
                _frames.Add(new CompletionFrame('s', frame.PendingType ?? frame.LastField?.NamedType));
                frame.PendingType = null;
                frame.AfterSpread = false;
                frame.LastField = null;
                break;
            case '}':
                Pop();
                break;
        }
    }

    private void VariableDefinitions(CompletionFrame frame, CompletionToken token)
    {
        switch (token.Kind)
        {
            case '$':
                _variableName = token.Text;
                frame.ExpectValue = false;
                break;
            case 'n' when _variableName is not null && !frame.ExpectValue:
                Variables.Add((_variableName, token.Text));
                _variableName = null;
                break;
            case '=':
                frame.ExpectValue = true;
                break;
            case '[' or '{':
                if (frame.ExpectValue)
                {
                    _frames.Add(new CompletionFrame(token.Kind == '[' ? 'l' : 'o', null));
                }

                break;
            case ')':
                Pop();
                break;
        }
    }

    private void Value(CompletionFrame frame, CompletionToken token)
    {
        var expectValue = frame.Kind == 'l' || frame.ExpectValue;
        switch (token.Kind)
        {
            case ':':
                frame.ExpectValue = true;
                break;
            case '[' when expectValue:
                _frames.Add(new CompletionFrame('l', frame.Kind == 'l' ? frame.Type : frame.CurrentArgument?.NamedType));
                break;
            case '{' when expectValue:
                var type = frame.Kind == 'l' ? frame.Type : frame.CurrentArgument?.NamedType;
                _frames.Add(new CompletionFrame('o', type) { Arguments = type is null ? null : _schema.FindType(type)?.InputFields });
                break;
            case ')' when frame.Kind == 'a':
            case '}' when frame.Kind == 'o':
            case ']' when frame.Kind == 'l':
                Pop();
                if (Top is { Kind: 'a' or 'o' } parent)
                {
                    parent.ExpectValue = false;
                }

                break;
            case 'n' or 'v' or '$' when expectValue:
                frame.ExpectValue = false;
                break;
            case 'n':
                frame.CurrentArgument = Find(frame.Arguments, token.Text);
                frame.Given.Add(token.Text);
                break;
        }

    }

    private void Pop()
    {
        if (_frames.Count > 0)
        {
            _frames.RemoveAt(_frames.Count - 1);
        }
    }

    private SchemaField? FindField(string? typeName, string name)
    {
        var type = typeName is null ? null : _schema.FindType(typeName);
        if (type is not null)
        {
            foreach (var field in type.Fields)
            {
                if (field.Name == name)
                {
                    return field;
                }
            }
        }

        return null;
    }

    private SchemaDirective? FindDirective(string? name)
    {
        foreach (var directive in _schema.Directives)
        {
            if (directive.Name == name)
            {
                return directive;
            }
        }

        return null;
    }

    private static SchemaInputValue? Find(IReadOnlyList<SchemaInputValue>? values, string name)
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
}
