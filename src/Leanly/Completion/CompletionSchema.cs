using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Leanly.Schemas;
using Leanly.Session;

namespace Leanly.Completion;

/// <summary>
/// The schema a completion works with: the -Schema file of the command line, else the connection's cached schema,
/// else one fetch bounded to a moment. An expired token is renewed for it only with what the connection holds (the
/// refresh token, a secret given once); one that needs the vault read again is left to the next command. A fetch that
/// failed or took too long is remembered for a while (until the connection's token changes), so the next Tab does not
/// wait again. Never throws, never prompts, never writes: nothing to complete is the answer to any failure.
/// </summary>
internal static class CompletionSchema
{
    private static readonly TimeSpan FetchBound = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FailureMemory = TimeSpan.FromSeconds(60);
    private static readonly ConditionalWeakTable<LeanlyConnection, FailedFetch> Failures = new();

    public static Schema? Find(IDictionary? fakeBoundParameters)
    {
        try
        {
            if (Bound(fakeBoundParameters, "Schema") is string file && !string.IsNullOrWhiteSpace(file))
            {
                return ResolvePath(file) is { } fullPath ? SchemaFileCache.TryRead(fullPath) : null;
            }

            var connection = Bound(fakeBoundParameters, "Connection") as LeanlyConnection ?? LeanlySession.GetDefault();
            if (connection is null || !connection.IsConnected)
            {
                return null;
            }

            return connection.CachedSchema ?? Fetch(connection);
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>A parameter of the command line as PowerShell's fake binding saw it (its value, not a PSObject wrapper); null when absent.</summary>
    public static object? Bound(IDictionary? fakeBoundParameters, string name)
    {
        if (fakeBoundParameters is null)
        {
            return null;
        }

        foreach (DictionaryEntry entry in fakeBoundParameters)
        {
            if (string.Equals(entry.Key as string, name, StringComparison.OrdinalIgnoreCase))
            {
                var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                return value is object[] { Length: 1 } one ? (one[0] is PSObject inner ? inner.BaseObject : one[0]) : value;
            }
        }

        return null;
    }

    /// <summary>A path as PowerShell's current location resolves it (drives, ~, relative paths); null when it cannot.</summary>
    public static string? ResolvePath(string path)
    {
        // A completer has no cmdlet to ask: $ExecutionContext is the runspace's engine, read on this (the pipeline) thread.
        var engine = ScriptBlock.Create("$ExecutionContext").Invoke();
        if (engine.Count == 1 && engine[0]?.BaseObject is EngineIntrinsics intrinsics)
        {
            try
            {
                return intrinsics.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            }
            catch (Exception)
            {
                return null;
            }
        }

        return Path.IsPathRooted(path) ? path : null;
    }

    private static Schema? Fetch(LeanlyConnection connection)
    {
        lock (Failures)
        {
            if (Failures.TryGetValue(connection, out var failed) && DateTime.UtcNow < failed.Until && failed.ExpiresOn == connection.ExpiresOn)
            {
                return null;
            }
        }

        var cancel = new CancellationTokenSource();
        Task<Schema> task;
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            task = connection.GetSchemaWithHeldCredentialAsync(cancel.Token);
        }
        catch (Exception ex)
        {
            task = Task.FromException<Schema>(ex);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }

        try
        {
            if (task.Wait(FetchBound))
            {
                cancel.Dispose();
                return task.Result;
            }
        }
        catch (Exception)
        {
            // Refused introspection, a network failure, a token only the vault could renew: remembered below.
        }

        cancel.Cancel();
        task.ContinueWith(t => { _ = t.Exception; cancel.Dispose(); }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        lock (Failures)
        {
            Failures.Remove(connection);
            Failures.Add(connection, new FailedFetch(DateTime.UtcNow + FailureMemory, connection.ExpiresOn));
        }

        return null;
    }

    private sealed class FailedFetch
    {
        public FailedFetch(DateTime until, DateTimeOffset? expiresOn)
        {
            Until = until;
            ExpiresOn = expiresOn;
        }

        public DateTime Until { get; }

        /// <summary>The connection's token expiry then: a command that renewed the token since (a new expiry) may make a fetch work now.</summary>
        public DateTimeOffset? ExpiresOn { get; }
    }
}
