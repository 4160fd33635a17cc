#pragma warning disable IDE0130 // The compiler looks for IsExternalInit in this namespace, whatever the folder.
namespace System.Runtime.CompilerServices;

// netstandard2.0 lacks this marker type; the compiler needs it for init-only setters.
internal static class IsExternalInit
{
}
