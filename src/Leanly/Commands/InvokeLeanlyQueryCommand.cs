using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Leanly.Completion;
using Leanly.Errors;
using Leanly.GraphQL;
using Leanly.Json;
using Leanly.Schemas;

namespace Leanly.Commands;

/// <summary>Sends a GraphQL query or mutation to Leanly and outputs its data as PowerShell objects.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "LeanlyQuery", DefaultParameterSetName = QuerySet)]
[OutputType(typeof(PSObject), typeof(string))]
public sealed class InvokeLeanlyQueryCommand : LeanlyCmdlet
{
    private const string QuerySet = "Query";
    private const string PathSet = "Path";

    /// <summary>GraphQL errors written one record each; the rest of an answer's errors go on one record that counts them.</summary>
    private const int MaxErrorRecords = 100;

    private readonly PSObjectJsonReader _itemReader = new();
    private LeanlyConnection? _connection;
    private QueuedOutput<GraphQLResponse>? _responses;
    private QueuedOutput<RelayPageAnswer>? _pages;
    private long? _pageTotal;

    /// <summary>The GraphQL document, sent exactly as written.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = QuerySet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(QueryTextCompleter))]
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
    [ArgumentCompleter(typeof(OperationNameCompleter))]
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

    /// <summary>How many requests may be in flight at once for piped input (1..64); output keeps the input order.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

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
        object? sending = null;
        try
        {
            var document = ParameterSetName == PathSet ? ReadDocument(Path!) : Query;
            if (document is null)
            {
                return;
            }

            var variables = VariablesToSend();
            GraphQLRequest request;
            try
            {
                request = new GraphQLRequest(document, VariablesConverter.ToDictionary(variables), OperationName);

                // Refuses what JSON cannot carry (a SecureString, an object with no JSON form) for this input only.
                GraphQLRequestWriter.Write(request);
            }
            catch (LeanlyException ex)
            {
                WriteRefusal(ex, InputOf(document, variables));
                return;
            }

            var input = InputOf(document, variables);
            foreach (var warning in DeprecationWarnings.Take(_connection!, document))
            {
                WriteWarning(warning);
            }

            if (All)
            {
                QueuePages(request, input);
            }
            else if (ThrottleLimit > 1)
            {
                QueueRequest(request, input);
            }
            else
            {
                sending = input;
                Send(request, input);
            }
        }
        catch (Exception ex)
        {
            // The failing input is the one being sent, or the queued one whose result or failure was being written.
            EndOnFailure(ex, sending ?? StartedQueue?.FailedInput);
        }
    }

    protected override void EndProcessing()
    {
        if (StartedQueue is not { } queue)
        {
            return;
        }

        try
        {
            queue.WriteAll();
            if (ThrottleLimit > 1)
            {
                WriteVerbose($"-ThrottleLimit {ThrottleLimit}: at most {queue.MaxInFlight} request(s) were in flight at once.");
            }
        }
        catch (Exception ex)
        {
            EndOnFailure(ex, queue.FailedInput);
        }
    }

    // The queue of this command's inputs, once one was queued (with -All or -ThrottleLimit above 1).
    private IQueuedOutput? StartedQueue => (IQueuedOutput?)_responses ?? _pages;

    // With -ThrottleLimit above 1 a failure of one input does not end the command: the others may still succeed.
    private QueuedOutput<GraphQLResponse> Responses => _responses ??= new QueuedOutput<GraphQLResponse>(
        this, ThrottleLimit, ShowsVerboseOrDebug, WriteQueuedResponse, ThrottleLimit > 1 ? TryWriteInputFailure : null, StopToken);

    private QueuedOutput<RelayPageAnswer> Pages => _pages ??= new QueuedOutput<RelayPageAnswer>(
        this, ThrottleLimit, ShowsVerboseOrDebug, WritePage, ThrottleLimit > 1 ? TryWritePagingFailure : null, StopToken);

    /// <summary>
    /// Ends the command with <paramref name="failure"/>, cancelling the work of the inputs still queued. Their requests
    /// may have reached the server (mutations applied) with no answer shown: the user is told how many there were.
    /// </summary>
    private void EndOnFailure(Exception failure, object? failedInput)
    {
        if (!IsPipelineStopping(failure))
        {
            WarnOfUnwrittenRequests();
        }

        StartedQueue?.Cancel();
        ThrowAsError(failure, failedInput);
    }

    /// <summary>
    /// Writes an error that belongs to one input. Under -ErrorAction Stop it ends the command, and PowerShell stops the
    /// pipeline at once: the warning about the requests that will go unseen has to come first. Under -ErrorAction
    /// Inquire nothing can be written once the user chose Halt, so the warning comes before the question.
    /// </summary>
    private void WriteInputError(ErrorRecord error)
    {
        if (StopsOnError)
        {
            WarnOfUnwrittenRequests();
        }
        else if (InquiresOnError && UnwrittenRequests is > 0 and var unwritten)
        {
            WriteWarning($"{unwritten} request(s) already sent are in flight: if you halt, their results are not shown; mutations among them may have been applied.");
        }

        WriteError(error);
    }

    private void WarnOfUnwrittenRequests()
    {
        if (UnwrittenRequests is > 0 and var unwritten)
        {
            WriteWarning($"{unwritten} request(s) already sent were stopped; their results are not shown; mutations among them may have been applied.");
        }
    }

    private int UnwrittenRequests => ThrottleLimit > 1 ? StartedQueue?.UnwrittenRequests ?? 0 : 0;

    // An input refused before sending: written at its turn among the answers in flight, or at once when there are none.
    private void WriteRefusal(LeanlyException refusal, object? input)
    {
        if (ThrottleLimit > 1)
        {
            IQueuedOutput queue = All ? Pages : Responses;
            queue.AddRefused(input, refusal);
        }
        else
        {
            WriteInputError(LeanlyErrors.FromException(refusal, input));
        }
    }

    // A failure of one input's GraphQL request is written at its turn; one of the connection (its token endpoint
    // included: a renewal that failed fails every input) ends the command.
    private bool TryWriteInputFailure(object? input, LeanlyException failure)
    {
        if (!failure.IsConfinedToOneRequest(_connection!.ApiUri))
        {
            return false;
        }

        WriteInputError(LeanlyErrors.FromException(failure, input));
        return true;
    }

    // One input's paging ended by a failure: its progress ends too, and its total must not carry over to the next input.
    private bool TryWritePagingFailure(object? input, LeanlyException failure)
    {
        if (!failure.IsConfinedToOneRequest(_connection!.ApiUri))
        {
            return false;
        }

        _pageTotal = null;
        WriteProgressSafely(PageProgress(0, 0, null, ProgressRecordType.Completed));
        WriteInputError(LeanlyErrors.FromException(failure, input));
        return true;
    }

    // What an error of this input names as its TargetObject: the piped request object, else the variables, else the query.
    private object InputOf(string document, object? variables) =>
        Variables is ObjectVariables { Source: var source } ? source : variables ?? document;

    private void QueueRequest(GraphQLRequest request, object input)
    {
        var connection = _connection!;
        Responses.Add(input, async (lane, log, token) =>
        {
            var response = await lane.SendAsync(t => connection.ExecuteAsync(request, log, t), token).ConfigureAwait(false);
            await lane.DeliverAsync(response, token).ConfigureAwait(false);
        });
    }

    private void WriteQueuedResponse(object? input, GraphQLResponse response)
    {
        using (response)
        {
            WriteResponse(response, input);
        }
    }

    private void QueuePages(GraphQLRequest request, object input)
    {
        if (RelayPager.CheckCursorVariable(request, CursorVariable) is { } noCursor)
        {
            WriteRefusal(noCursor, input);
            return;
        }

        var pager = new RelayPager(_connection!, request, PagePath, CursorVariable);
        Pages.Add(input, (lane, log, token) => pager.RunAsync(lane, log, token));
    }

    /// <summary>
    /// -Variables, or the Variables property of a piped request object: PowerShell binds a piped object to -Variables
    /// by value before it binds Query/Variables/OperationName by property name.
    /// </summary>
    private object? VariablesToSend()
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

    private void Send(GraphQLRequest request, object input)
    {
        var connection = _connection!;
        using var response = Run((log, token) => connection.ExecuteAsync(request, log, token));
        WriteResponse(response, input);
    }

    private void WriteResponse(GraphQLResponse response, object? input)
    {
        if (Raw)
        {
            WriteObject(response.RawText);
        }
        else if (response.HasData)
        {
            WriteObject(JsonToPSObject.Convert(response.DataJson));
        }

        WriteGraphQLErrors(response, input);
    }

    private void WritePage(object? input, RelayPageAnswer answer)
    {
        using (answer)
        {
            var response = answer.Response;
            WriteGraphQLErrors(response, input);
            var items = answer.ItemsBefore;
            if (answer.Page is { } page)
            {
                var objects = page.ItemsJson is { } itemsJson
                    ? itemsJson.Select(_itemReader.ReadOne)
                    : page.Items.Select(JsonToPSObject.Convert);
                foreach (var item in objects)
                {
                    WriteObject(item);
                    items++;
                }

                _pageTotal = page.TotalCount ?? _pageTotal;
                WriteProgress(PageProgress(answer.Number, items, _pageTotal, ProgressRecordType.Processing));
            }

            switch (answer.Problem)
            {
                case RelayPagingProblem.ConnectionNotFound:
                    WriteInputError(LeanlyErrors.FromException(answer.ProblemError!, PagePath));
                    break;
                case RelayPagingProblem.Loop:
                    WriteInputError(LeanlyErrors.FromException(answer.ProblemError!, answer.ConnectionPath));
                    break;
                default:
                    if (answer.IsLast && answer.Page is { } last)
                    {
                        WriteVerbose($"-All: {items} items in {answer.Number} page(s) from {last.Path}.");
                    }

                    break;
            }

            if (answer.IsLast)
            {
                WriteProgressSafely(PageProgress(answer.Number, items, _pageTotal, ProgressRecordType.Completed));
                _pageTotal = null;
            }
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

    // Each error's TargetObject is the input it belongs to (which of many piped queries failed); the server's error
    // itself (message, path, code) is the exception's GraphQLError.
    private void WriteGraphQLErrors(GraphQLResponse response, object? input)
    {
        var errors = response.Errors;
        for (var index = 0; index < errors.Count; index++)
        {
            if (index == MaxErrorRecords)
            {
                WriteMoreErrors(response, input);
                return;
            }

            var error = errors[index];
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
                GraphQLError = error,
            };
            WriteInputError(LeanlyErrors.FromException(exception, input ?? error));
        }
    }

    // An error record costs PowerShell far more than the error costs the reader: an answer with 100,000 of them would
    // take half a minute and most of a gigabyte to write, one record each.
    private void WriteMoreErrors(GraphQLResponse response, object? input)
    {
        var errors = response.Errors;
        var exception = new LeanlyException(
            LeanlyErrorKind.GraphQLError,
            $"GraphQL: {errors.Count - MaxErrorRecords} more error(s) not written one by one ({errors.Count} in all); the exception's GraphQLErrors holds every one.",
            "Fix the query: the first errors written say what the server refused. All of them: $Error[0].Exception.GraphQLErrors.")
        {
            StatusCode = response.StatusCode,
            GraphQLErrors = errors,
        };
        WriteInputError(LeanlyErrors.FromException(exception, input ?? errors[MaxErrorRecords]));
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
            WriteRefusal(new LeanlyException(LeanlyErrorKind.QueryFileNotFound, $"Cannot read the GraphQL document '{path}': {ex.Message}", null, ex), InputOf(path, Variables));
            return null;
        }
    }

    protected override void DisposeWork()
    {
        _responses?.Dispose();
        _pages?.Dispose();
    }
}
