using System;
using System.Linq.Expressions;
using System.Management.Automation;

namespace Leanly.Json;

/// <summary>
/// Makes the PSCustomObjects of an answer as cheaply as PowerShell allows: members sized up front where PowerShell 7
/// offers it, and properties added without the member lookups that PSObject.Properties[name] costs.
/// </summary>
internal static class PSObjectFactory
{
    private static readonly Func<int, PSObject>? WithCapacity = FindCapacityConstructor();

    public static readonly object True = true;
    public static readonly object False = false;

    public static PSObject Create(int capacity) =>
        WithCapacity is not null && capacity > 0 ? WithCapacity(capacity) : new PSObject();

    /// <summary>Adds a property the caller knows is not there yet.</summary>
    public static void AddNew(PSObject target, string name, object? value) =>
        target.Properties.Add(new PSNoteProperty(name, value), !IsReserved(name));

    // PSObject's own members (psobject, psbase, ...) must go through PowerShell's checks, which refuse them.
    private static bool IsReserved(string name) =>
        name.Length >= 6 && (name[0] == 'p' || name[0] == 'P') && (name[1] == 's' || name[1] == 'S');

    private static Func<int, PSObject>? FindCapacityConstructor()
    {
        // PowerShell 7.x has PSObject(int instanceMemberCapacity); Windows PowerShell 5.1 does not.
        var constructor = typeof(PSObject).GetConstructor(new[] { typeof(int) });
        if (constructor is null)
        {
            return null;
        }

        var capacity = Expression.Parameter(typeof(int), "capacity");
        return Expression.Lambda<Func<int, PSObject>>(Expression.New(constructor, capacity), capacity).Compile();
    }
}
