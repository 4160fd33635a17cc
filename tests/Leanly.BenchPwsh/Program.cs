// pwsh's own entry point does the same: hand the command line to PowerShell's console host.
return Microsoft.PowerShell.ConsoleShell.Start(null, null, args);
