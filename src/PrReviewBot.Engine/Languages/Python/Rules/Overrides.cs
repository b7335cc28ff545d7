namespace PrReviewBot.Engine.Languages.Python.Rules;

/// <summary>
/// Whether a method fills in a contract someone else wrote: a method of a base class defined in
/// the same module, or a hook that a well-known framework calls on its subclasses. Such a method
/// takes its name and its documentation from that contract.
/// </summary>
internal static class Overrides
{
    /// <summary>
    /// Methods that frameworks call on subclasses: unittest, Django (models, views, forms, admin,
    /// REST framework, management commands), threading, logging, json, PyTorch, Keras, Lightning, Scrapy, Click.
    /// </summary>
    private static readonly HashSet<string> FrameworkHooks = new(StringComparer.Ordinal)
    {
        "setUp", "tearDown", "setUpClass", "tearDownClass", "setUpTestData", "asyncSetUp", "asyncTearDown", "runTest", "setup_method",
        "teardown_method", "setup_class", "teardown_class", "shortDescription",
        "save", "delete", "clean", "clean_fields", "full_clean", "validate_unique", "get_absolute_url", "natural_key",
        "get_by_natural_key", "deconstruct", "from_db_value", "to_python", "get_prep_value", "get_db_prep_value", "db_type",
        "formfield", "value_to_string", "contribute_to_class",
        "get", "post", "put", "patch", "head", "options", "dispatch", "setup", "get_queryset", "get_object", "get_context_data",
        "get_template_names", "get_success_url", "get_form", "get_form_class", "get_form_kwargs", "get_initial", "form_valid",
        "form_invalid", "get_redirect_url", "render_to_response", "http_method_not_allowed",
        "get_serializer", "get_serializer_class", "get_serializer_context", "get_permissions", "get_authenticators",
        "perform_create", "perform_update", "perform_destroy", "create", "update", "partial_update", "destroy", "list", "retrieve",
        "validate", "to_representation", "to_internal_value", "has_permission", "has_object_permission", "authenticate",
        "authenticate_header", "get_paginated_response", "paginate_queryset", "filter_queryset",
        "has_add_permission", "has_change_permission", "has_delete_permission", "has_view_permission", "get_readonly_fields",
        "get_fieldsets", "get_list_display", "get_urls", "lookups", "queryset", "save_model", "delete_model", "get_search_results",
        "handle", "add_arguments", "ready", "process_request", "process_response", "process_view", "process_exception",
        "render", "value_from_datadict", "get_context", "clean_value",
        "run", "emit", "format", "filter", "default", "encode", "decode", "close", "flush", "read", "write",
        "forward", "backward", "extra_repr", "reset_parameters", "training_step", "validation_step", "test_step", "predict_step",
        "configure_optimizers", "train_dataloader", "val_dataloader", "test_dataloader", "build", "call", "get_config",
        "compute_output_shape", "from_config", "parse", "start_requests", "process_item", "open_spider", "close_spider",
        "invoke", "convert", "get_command", "list_commands", "shell_complete", "handle_starttag", "handle_endtag", "handle_data",
    };

    /// <summary>Bases that add no methods for subclasses to fill in: the hooks above are not theirs.</summary>
    private static readonly HashSet<string> PlainBases = new(StringComparer.Ordinal)
    {
        "object", "ABC", "Protocol", "Generic", "Exception", "BaseException", "ValueError", "TypeError", "RuntimeError", "KeyError",
        "NamedTuple", "TypedDict", "Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "str", "int", "dict", "list", "tuple", "set",
    };

    /// <summary>True for a method that overrides a method of a same-module base class whose method of that name has a docstring, or a framework hook of a class with a base.</summary>
    public static bool InheritsDocumentation(PythonModule module, PythonDefinition method)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(method);
        if (!method.IsMethod || method.Parent is not { } owner || method.HasDecorator("abstractmethod"))
        {
            return false;
        }

        return BaseMethods(module, owner, method.Name).Any(baseMethod => baseMethod.Docstring is not null)
            || (HasExternalBase(module, owner) && (FrameworkHooks.Contains(method.Name) || CallsItsSuper(module, method)));
    }

    /// <summary>
    /// <c>return super().parse_args(ctx, args)</c>: a method that hands on to the method of the same
    /// name in its base extends that method, whose contract (and documentation) it keeps.
    /// </summary>
    private static bool CallsItsSuper(PythonModule module, PythonDefinition method) =>
        module.Calls.Any(call => call.Scope == method
            && call.Callee.StartsWith("super(", StringComparison.Ordinal)
            && call.Callee.EndsWith(")." + method.Name, StringComparison.Ordinal));

    /// <summary>True for a method whose name is already defined by a same-module base class, or is a framework hook of a class with a base.</summary>
    public static bool TakesItsName(PythonModule module, PythonDefinition method)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(method);
        return method.IsMethod && method.Parent is { } owner
            && (BaseMethods(module, owner, method.Name).Any() || (HasExternalBase(module, owner) && (FrameworkHooks.Contains(method.Name) || CallsItsSuper(module, method))));
    }

    /// <summary>The methods named <paramref name="name"/> of the class's bases defined in this module, nearest first, following their bases in turn.</summary>
    public static IEnumerable<PythonDefinition> BaseMethods(PythonModule module, PythonDefinition owner, string name)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(owner);
        var seen = new HashSet<PythonDefinition> { owner };
        var pending = new Queue<PythonDefinition>(LocalBases(module, owner));
        while (pending.TryDequeue(out var baseClass))
        {
            if (!seen.Add(baseClass))
            {
                continue;
            }

            foreach (var member in module.Functions.Where(function => function.Parent == baseClass && string.Equals(function.Name, name, StringComparison.Ordinal)))
            {
                yield return member;
            }

            foreach (var further in LocalBases(module, baseClass))
            {
                pending.Enqueue(further);
            }
        }
    }

    /// <summary>A base that is not a class of this module (an imported or framework class), other than plain bases such as <c>object</c> or <c>ABC</c>.</summary>
    public static bool HasExternalBase(PythonModule module, PythonDefinition owner)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(owner);
        // A class of this module whose own base is imported (class FlaskGroup(AppGroup), class AppGroup(click.Group)) inherits that base too.
        var seen = new HashSet<PythonDefinition>();
        var pending = new Queue<PythonDefinition>([owner]);
        while (pending.TryDequeue(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            if (current.Bases.Select(BaseName).Any(name => name.Length > 0 && !PlainBases.Contains(name) && !LocalClassNamed(module, name).Any()))
            {
                return true;
            }

            foreach (var further in LocalBases(module, current))
            {
                pending.Enqueue(further);
            }
        }

        return false;
    }

    private static IEnumerable<PythonDefinition> LocalBases(PythonModule module, PythonDefinition owner) =>
        owner.Bases.Select(BaseName).SelectMany(name => LocalClassNamed(module, name));

    private static IEnumerable<PythonDefinition> LocalClassNamed(PythonModule module, string name) =>
        module.Classes.Where(definition => definition.Parent is null && string.Equals(definition.Name, name, StringComparison.Ordinal));

    /// <summary><c>models.Model</c> → <c>Model</c>; <c>Generic[T]</c> → <c>Generic</c>; keyword and star arguments are not bases.</summary>
    private static string BaseName(string text)
    {
        var bare = text.Trim();
        var bracket = bare.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            bare = bare[..bracket];
        }

        if (bare.Contains('=', StringComparison.Ordinal) || bare.StartsWith('*'))
        {
            return string.Empty;
        }

        return bare[(bare.LastIndexOf('.') + 1)..];
    }
}
