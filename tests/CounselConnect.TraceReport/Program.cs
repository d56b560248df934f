using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// Allocations per request from a dotnet-trace file taken with the gc-verbose profile and the ASP.NET Core hosting
// events (tests/bench/statements.sh with STMT_ALLOCS=1 takes one): the runtime reports an allocation tick about
// every 100 KB allocated, with the type and the stack of the allocation that crossed it, so the ticks are a sample
// of where the bytes went. Printed per request (the requests are the hosting events' request stops in the trace):
// by type, by frame (the first frames of this program's own code and its libraries, innermost first), and the
// frames that allocated most under them.
//
//   dotnet tests/CounselConnect.TraceReport/bin/Release/net10.0/CounselConnect.TraceReport.dll TRACE.nettrace [TOP=25] [TYPE]
//   TYPE: only ticks whose type name contains it, with longer stacks (where one type comes from)
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: CounselConnect.TraceReport TRACE.nettrace [TOP=25] [TYPE]");
    return 2;
}

var top = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 25;
var typeFilter = args.Length > 2 ? args[2] : null;
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var byType = new Dictionary<string, double>(StringComparer.Ordinal);
var byStack = new Dictionary<string, double>(StringComparer.Ordinal);
double total = 0;
var requests = 0;
foreach (var ev in log.Events)
{
    if (ev.ProviderName == "Microsoft.AspNetCore.Hosting" && ev.EventName == "Request/Stop")
    {
        requests++;
        continue;
    }

    if (ev is not GCAllocationTickTraceData tick || (typeFilter is not null && !tick.TypeName.Contains(typeFilter, StringComparison.Ordinal)))
    {
        continue;
    }

    double amount = tick.AllocationAmount64;
    total += amount;
    byType[tick.TypeName] = byType.GetValueOrDefault(tick.TypeName) + amount;
    var frames = new List<string>();
    for (var frame = tick.CallStack(); frame is not null && frames.Count < (typeFilter is null ? 3 : 8); frame = frame.Caller)
    {
        var name = frame.CodeAddress.FullMethodName;
        if (typeFilter is not null ? !IsPlumbing(name) : IsOwnOrLibrary(name))
        {
            frames.Add(Short(name));
        }
    }

    var key = frames.Count == 0 ? "(runtime and base library only)" : string.Join("  <-  ", frames);
    byStack[key] = byStack.GetValueOrDefault(key) + amount;
}

if (requests == 0)
{
    Console.Error.WriteLine("No request stops in the trace: take it with the Microsoft.AspNetCore.Hosting provider.");
    return 1;
}

Console.WriteLine($"{requests} requests; sampled allocations {total / 1e6:F1} MB, {total / requests / 1024:F1} KB per request");
Print("KB/request by type", byType);
Print("KB/request by stack (innermost first)", byStack);
return 0;

void Print(string title, Dictionary<string, double> table)
{
    Console.WriteLine();
    Console.WriteLine($"== {title}");
    foreach (var (name, bytes) in table.OrderByDescending(p => p.Value).Take(top))
    {
        Console.WriteLine($"{bytes / requests / 1024,8:F1}  {name}");
    }
}

static bool IsOwnOrLibrary(string name) =>
    name.StartsWith("CounselConnect.", StringComparison.Ordinal) || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
    || name.StartsWith("Npgsql", StringComparison.Ordinal) || name.StartsWith("OpenIddict", StringComparison.Ordinal)
    || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || name.StartsWith("FluentValidation", StringComparison.Ordinal)
    || name.StartsWith("Mediator", StringComparison.Ordinal) || name.StartsWith("System.Text.Json", StringComparison.Ordinal);

static bool IsPlumbing(string name) =>
    name.Length == 0 || name.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal) || name.StartsWith("System.Threading", StringComparison.Ordinal);

// Method names without their parameter lists: enough to find the line, short enough to read.
static string Short(string name) => name.IndexOf('(', StringComparison.Ordinal) is var open and > 0 ? name[..open] : name;
