using System.Collections.Specialized;
using System.Management.Automation;

namespace Leanly.Commands;

/// <summary>
/// -Variables made from an object's properties. Remembers the object, because PowerShell binds a piped object to
/// -Variables by value before it looks at its properties: an object with Query/Variables/OperationName properties
/// is a request, not variables.
/// </summary>
internal sealed class ObjectVariables : OrderedDictionary
{
    public ObjectVariables(PSObject source)
    {
        Source = source;
        foreach (var property in source.Properties)
        {
            this[property.Name] = property.Value;
        }
    }

    public PSObject Source { get; }
}
