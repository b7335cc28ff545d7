using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>Deserializers that can run code while loading: pickle and friends, YAML without a safe loader, ruamel's unsafe type, and NumPy with pickles allowed.</summary>
public sealed class InsecureDeserializationRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/insecure-deserialization",
        "Unsafe deserialization",
        Category.Security,
        Severity.Error,
        "Pickle-style formats and unsafe YAML loaders can construct arbitrary objects and call functions while loading, so untrusted input becomes code execution.",
        "Load untrusted data as JSON (`json.loads`) or with `yaml.safe_load`; keep pickle for data you wrote yourself and protect it with a signature.");

    private static readonly HashSet<string> Always = new(StringComparer.Ordinal)
    {
        "pickle.load", "pickle.loads", "pickle.Unpickler", "cPickle.load", "cPickle.loads", "cPickle.Unpickler",
        "_pickle.load", "_pickle.loads", "_pickle.Unpickler", "marshal.load", "marshal.loads", "shelve.open",
        "dill.load", "dill.loads", "jsonpickle.decode", "pandas.read_pickle", "yaml.unsafe_load", "yaml.unsafe_load_all",
        "joblib.load", "torch.load",
    };

    /// <summary>Reported even for constant input: a constant path still reads whatever is in that file, and <c>unsafe_load</c> opts into object construction.</summary>
    private static readonly HashSet<string> PathLoaders = new(StringComparer.Ordinal)
    {
        "shelve.open", "pandas.read_pickle", "joblib.load", "torch.load", "yaml.unsafe_load", "yaml.unsafe_load_all",
    };

    private static readonly HashSet<string> SafeLoaders = new(StringComparer.Ordinal)
    {
        "SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var pandasAliases = module.Imports.Where(import => !import.IsFromImport && string.Equals(import.Module, "pandas", StringComparison.Ordinal)).Select(import => import.BoundName).ToHashSet(StringComparer.Ordinal);
        foreach (var call in module.Calls)
        {
            var resolved = PythonSecurityHelpers.Resolved(module, call);
            if (string.Equals(call.Callee, "pd.read_pickle", StringComparison.Ordinal) && pandasAliases.Count == 0)
            {
                resolved = "pandas.read_pickle";
            }

            if (Always.Contains(resolved))
            {
                if (!PathLoaders.Contains(resolved) && IsConstantInput(module, call))
                {
                    continue;
                }

                if (resolved.StartsWith("torch.", StringComparison.Ordinal) && PythonSecurityHelpers.IsTrue(module, call.Keyword("weights_only")))
                {
                    continue;
                }

                context.Report(this, call.Line, call.Line, $"`{call.Callee}` deserializes with a format that can run code while loading; never use it on data an attacker can influence.");
                continue;
            }

            if (resolved is "ruamel.yaml.YAML" && PythonSecurityHelpers.StringValue(module, call.Keyword("typ")) == "unsafe")
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}(typ=\"unsafe\")` builds arbitrary Python objects from the documents it loads; use the default round-trip loader or `typ=\"safe\"`.");
                continue;
            }

            if (resolved is "numpy.load" && PythonSecurityHelpers.IsTrue(module, call.Keyword("allow_pickle")) && !IsConstantInput(module, call))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}(..., allow_pickle=True)` unpickles object arrays, which can run code from the file; save plain arrays and load with `allow_pickle=False`.");
                continue;
            }

            if (resolved is "yaml.load" or "yaml.load_all" or "yaml.full_load" or "yaml.full_load_all" && !IsShadowed(module, call))
            {
                var positional = call.Positional;
                var loader = call.Keyword("Loader") ?? (positional.Count > 1 ? positional[1] : null);
                if (loader is null && IsConstantInput(module, call))
                {
                    // A literal document with the default loader; an explicitly unsafe Loader is still reported below.
                    continue;
                }

                if (resolved.Contains("full_load", StringComparison.Ordinal))
                {
                    context.Report(this, call.Line, call.Line, $"`{call.Callee}` uses the FullLoader, which still constructs arbitrary Python objects on older PyYAML; use `yaml.safe_load`.");
                    continue;
                }

                if (loader is not null && IsSafeLoader(module, call, loader))
                {
                    continue;
                }

                var which = loader is null ? "without a Loader" : $"with `{loader.Text.Trim()}`";
                context.Report(this, call.Line, call.Line, $"`{call.Callee}` {which} can build arbitrary Python objects from the document; use `yaml.safe_load` or `Loader=yaml.SafeLoader`.");
            }
        }
    }

    /// <summary>The data (first positional argument) is a literal or a name only ever bound to literals: nothing an attacker can reach.</summary>
    private static bool IsConstantInput(PythonModule module, PythonCall call)
    {
        var positional = call.Positional;
        if (positional.Count == 0)
        {
            return false;
        }

        return PythonSecurityHelpers.IsConstant(module, positional[0], call.Scope);
    }

    /// <summary><c>yaml = YAML()</c> in the same scope: the name is a ruamel loader object here, not the PyYAML module.</summary>
    private static bool IsShadowed(PythonModule module, PythonCall call)
    {
        var head = call.Callee.Split('.')[0];
        return module.Values.AssignmentsVisible(head, call.Scope, call.Line).Any(assignment => assignment.Line < call.Line && ReferenceEquals(assignment.Scope, call.Scope));
    }

    private static bool IsSafeLoader(PythonModule module, PythonCall call, PythonArgument loader)
    {
        if (module.Values.Of(loader)?.DottedName is not { } dotted)
        {
            return false;
        }

        var resolved = PythonSecurityHelpers.Resolve(module, dotted, call.Scope, call.Line);
        var last = resolved[(resolved.LastIndexOf('.') + 1)..];
        return SafeLoaders.Contains(last);
    }
}
