using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CounselConnect.Application.Common;

/// <summary>
/// A query compiled once (<c>EF.CompileAsyncQuery</c>) for each EF Core model it runs on. A LINQ query is otherwise built
/// as an expression tree, reduced and looked up in EF Core's query cache on every call, about a tenth of the service's
/// CPU per intake (docs/benchmarks.md, "Where an intake's CPU went after that"). A compiled query refuses a context
/// of another model, and a process can hold several (the test suite runs a host per database), so the compilation is
/// kept per model; a service has one, and pays one table lookup per call.
/// </summary>
public sealed class CompiledQuery<TQuery>
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];
    private readonly ConditionalWeakTable<IModel, TQuery>.CreateValueCallback _compile;

    /// <param name="compile">Compiles the query, e.g. <c>() =&gt; EF.CompileAsyncQuery((DbContext db, ...) =&gt; ...)</c>.</param>
    public CompiledQuery(Func<TQuery> compile)
    {
        ArgumentNullException.ThrowIfNull(compile);
        _compile = _ => compile();
    }

    /// <summary>The query compiled for <paramref name="context"/>'s model.</summary>
    public TQuery For(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _byModel.GetValue(context.Model, _compile);
    }
}
