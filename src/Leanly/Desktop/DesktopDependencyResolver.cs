using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace Leanly.Desktop;

/// <summary>
/// Windows PowerShell 5.1 only: loads System.Text.Json and its dependency closure from the module's Dependencies
/// folder when .NET Framework cannot find them (PSResourceGet's load-from-path, Microsoft Graph's AssemblyResolve
/// handler). PowerShell 7 ships newer copies, so there the folder is never read. The handler answers only for the
/// files in that folder, so it cannot take over another module's loads.
/// </summary>
public sealed class DesktopDependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(DesktopDependencyResolver).Assembly.Location) ?? string.Empty;

    private static readonly string[] SearchFolders = { ModuleFolder, Path.Combine(ModuleFolder, "Dependencies") };

    private static bool IsDesktop => typeof(object).Assembly.GetName().Name == "mscorlib";

    public void OnImport()
    {
        if (IsDesktop)
        {
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (IsDesktop)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        }
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var requested = new AssemblyName(args.Name);
        var candidate = Array.Find(Array.ConvertAll(SearchFolders, folder => Path.Combine(folder, requested.Name + ".dll")), File.Exists);
        if (candidate is null)
        {
            return null;
        }

        // Our copy satisfies any version up to its own (a binding redirect in effect); an older copy loaded by
        // another module cannot serve a newer request, which is why this handler is asked at all.
        var available = AssemblyName.GetAssemblyName(candidate);
        return requested.Version is null || available.Version >= requested.Version ? Assembly.LoadFrom(candidate) : null;
    }
}
