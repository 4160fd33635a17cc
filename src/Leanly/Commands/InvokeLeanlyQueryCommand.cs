using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace Leanly.Commands;

/// <summary>Sends a GraphQL query or mutation to Leanly and outputs its data as PowerShell objects.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "LeanlyQuery", DefaultParameterSetName = QuerySet)]
[OutputType(typeof(PSObject), typeof(string))]
public sealed class InvokeLeanlyQueryCommand : LeanlyCmdlet
{
    private const string QuerySet = "Query";
    private const string PathSet = "Path";

    private LeanlyConnection? _connection;

    /// <summary>The GraphQL document, sent exactly as written.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = QuerySet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Query { get; set; }

    /// <summary>A file holding the GraphQL document, relative to the current PowerShell location.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Variables: a hashtable, an ordered dictionary or an object with properties.</summary>
    [Parameter(Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [VariablesTransformation]
    [AllowNull]
    public IDictionary? Variables { get; set; }

    /// <summary>Which operation of a document with several to run.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? OperationName { get; set; }

    /// <summary>The connection to use; this runspace's default when omitted.</summary>
    [Parameter]
    [ValidateNotNull]
    public LeanlyConnection? Connection { get; set; }

    /// <summary>Output the response JSON text instead of objects.</summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

    /// <summary>Follow Relay cursor paging and output every item of every page.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>With -All: the path of the connection to page, such as items or viewer.items.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PagePath { get; set; }

    /// <summary>With -All: the query variable that takes the cursor (default: after).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string CursorVariable { get; set; } = "after";

    protected override void BeginProcessing()
    {
        _connection = ResolveConnection(Connection);
        if (Raw && All)
        {
            EndWithError(LeanlyErrors.Create(LeanlyErrorKind.RawWithAll, "-Raw and -All cannot be used together: -All outputs the items of each page as objects.", null));
        }
    }

    protected override void ProcessRecord()
    {
        var document = ParameterSetName == PathSet ? ReadDocument(Path!) : Query;
        if (document is null)
        {
            return;
        }

        var variables = VariablesOfThisInput();
        GraphQLRequest request;
        try
        {
            request = new GraphQLRequest(document, VariablesConverter.ToDictionary(variables), OperationName);

            // Refuses what JSON cannot carry (a SecureString, an object with no JSON form) for this input only.
            GraphQLRequestWriter.Write(request);
        }
        catch (LeanlyException ex)
        {
            WriteError(LeanlyErrors.FromException(ex, variables));
            return;
        }

        try
        {
            if (All)
            {
                Page(request);
            }
            else
            {
                Send(request);
            }
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowAsError(ex);
        }
    }

    /// <summary>
    /// -Variables, or the Variables property of a piped request object: PowerShell binds a piped object to -Variables
    /// by value before it binds Query/Variables/OperationName by property name.
    /// </summary>
    private object? VariablesOfThisInput()
    {
        if (Variables is not ObjectVariables { Source: var source })
        {
            return Variables;
        }

        if (source.Properties["Variables"] is { } variables)
        {
            return variables.Value;
        }

        var isRequest = (source.Properties["Query"] is { Value: string query } && ParameterSetName == QuerySet && query == Query)
            || (source.Properties["OperationName"] is { Value: string name } && name == OperationName);
        return isRequest ? null : Variables;
    }

    private void Send(GraphQLRequest request)
    {
        var connection = _connection!;
        using var response = Run((log, token) => connection.ExecuteAsync(request, log, token));
        if (Raw)
        {
            WriteObject(response.RawText);
        }
        else if (response.HasData)
        {
            WriteObject(JsonToPSObject.Convert(response.DataJson));
        }

        WriteGraphQLErrors(response);
    }

    private void Page(GraphQLRequest request)
    {
        var operation = request.SelectedOperation;
        if (operation is null || !operation.Variables.Contains(CursorVariable))
        {
            WriteError(LeanlyErrors.Create(
                LeanlyErrorKind.PagingNoCursorVariable,
                $"-All needs the query to declare a ${CursorVariable} variable and pass it to the connection's after argument; this query declares {(operation is null || operation.Variables.Count == 0 ? "no variables" : "only $" + string.Join(", $", operation.Variables))}.",
                request.Query,
                $"Declare ${CursorVariable}: String in the query and pass it as the connection's after argument, or use -CursorVariable."));
            return;
        }

        var connection = _connection!;
        var variables = request.Variables is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(request.Variables);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var itemReader = new PSObjectJsonReader();
        long items = 0;
        var pages = 0;
        long? total = null;
        try
        {
            while (true)
            {
                var pageRequest = request.WithVariables(variables);
                using var response = Run((log, token) => connection.ExecuteAsync(pageRequest, log, token));
                pages++;
                WriteGraphQLErrors(response);
                if (!response.HasData)
                {
                    return;
                }

                RelayPage page;
                try
                {
                    page = RelayPage.Find(response.Data, PagePath, response.DataJson);
                }
                catch (LeanlyException ex)
                {
                    WriteError(LeanlyErrors.FromException(ex, PagePath));
                    return;
                }

                // A cursor seen before means this page repeats an earlier one: its items were output already.
                if (page.HasNextPage && !string.IsNullOrEmpty(page.EndCursor) && seen.Contains(page.EndCursor!))
                {
                    WritePagingLoop(page, pages, items, $"returned the cursor '{Redactor.Redact(page.EndCursor)}' a second time");
                    return;
                }

                var objects = page.ItemsJson is { } itemsJson
                    ? itemsJson.Select(itemReader.ReadOne)
                    : page.Items.Select(JsonToPSObject.Convert);
                foreach (var item in objects)
                {
                    WriteObject(item);
                    items++;
                }

                total = page.TotalCount ?? total;
                WriteProgress(PageProgress(pages, items, total, ProgressRecordType.Processing));
                if (!page.HasNextPage)
                {
                    WriteVerbose($"-All: {items} items in {pages} page(s) from {page.Path}.");
                    return;
                }

                if (string.IsNullOrEmpty(page.EndCursor))
                {
                    WritePagingLoop(page, pages, items, "says hasNextPage is true but gives no endCursor");
                    return;
                }

                seen.Add(page.EndCursor!);
                variables[CursorVariable] = page.EndCursor;
            }
        }
        finally
        {
            WriteProgressSafely(PageProgress(pages, items, total, ProgressRecordType.Completed));
        }
    }

    // A new record each time: a host may keep the records it was given.
    private static ProgressRecord PageProgress(int pages, long items, long? total, ProgressRecordType type)
    {
        var status = pages == 0
            ? "Requesting the first page"
            : total is { } all ? $"Page {pages}: {items} of {all} items" : $"Page {pages}: {items} items";
        var progress = new ProgressRecord(0x4C45, "Invoke-LeanlyQuery -All", status) { RecordType = type };
        if (total is { } count && count > 0)
        {
            progress.PercentComplete = (int)Math.Min(100, items * 100 / count);
        }

        return progress;
    }

    private void WritePagingLoop(RelayPage page, int pages, long items, string why)
    {
        WriteError(LeanlyErrors.Create(
            LeanlyErrorKind.PagingLoop,
            $"-All stopped after {pages} page(s) and {items} items: the server {why}, so paging would never end.",
            page.Path));
    }

    private void WriteProgressSafely(ProgressRecord progress)
    {
        try
        {
            WriteProgress(progress);
        }
        catch (PipelineStoppedException)
        {
            // Downstream stopped (Select-Object -First): nothing left to tell.
        }
        catch (InvalidOperationException)
        {
        }
    }

    private void WriteGraphQLErrors(GraphQLResponse response)
    {
        foreach (var error in response.Errors)
        {
            var message = error.Path is null ? $"GraphQL error: {error.Message}" : $"GraphQL error at {error.Path}: {error.Message}";
            if (error.Code is not null)
            {
                message += $" [{error.Code}]";
            }

            if (error.Locations is not null)
            {
                message += $" ({error.Locations})";
            }

            var exception = new LeanlyException(
                LeanlyErrorKind.GraphQLError,
                message,
                response.HasData ? "The server could not resolve part of the query; the data it could resolve was still output." : null)
            {
                StatusCode = response.StatusCode,
            };
            WriteError(LeanlyErrors.FromException(exception, error));
        }
    }

    private string? ReadDocument(string path)
    {
        try
        {
            var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
            if (provider.Name != "FileSystem" || resolved.Count != 1)
            {
                throw new ItemNotFoundException($"'{path}' is not a single file.");
            }

            if (Directory.Exists(resolved[0]))
            {
                throw new ItemNotFoundException($"'{path}' is a folder; -Path takes the GraphQL file itself.");
            }

            return File.ReadAllText(resolved[0]);
        }
        catch (Exception ex) when (ex is ItemNotFoundException or IOException or UnauthorizedAccessException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException)
        {
            WriteError(LeanlyErrors.Create(LeanlyErrorKind.QueryFileNotFound, $"Cannot read the GraphQL document '{path}': {ex.Message}", path, null, ex));
            return null;
        }
    }
}
