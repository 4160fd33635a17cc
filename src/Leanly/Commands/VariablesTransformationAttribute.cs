using System.Collections;
using System.Management.Automation;

namespace Leanly.Commands;

/// <summary>Lets -Variables take a PSCustomObject as well as a dictionary, by turning its properties into an ordered dictionary.</summary>
public sealed class VariablesTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        if (inputData is PSObject { BaseObject: PSCustomObject } custom)
        {
            return new ObjectVariables(custom);
        }

        return inputData is PSObject { BaseObject: IDictionary dictionary } ? dictionary : inputData;
    }
}
