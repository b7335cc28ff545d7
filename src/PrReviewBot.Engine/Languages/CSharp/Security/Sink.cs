namespace PrReviewBot.Engine.Languages.CSharp.Security;

/// <summary>How a value reaches a sink.</summary>
public enum SinkShape
{
    /// <summary><c>receiver.Member(…)</c> where the receiver is an instance of <see cref="Sink.Type"/>.</summary>
    InstanceCall,

    /// <summary><c>Type.Member(…)</c>, a static call named through its type.</summary>
    StaticCall,

    /// <summary><c>new Type(…)</c>; <see cref="Sink.Member"/> is the type name again.</summary>
    Construction,

    /// <summary><c>x.Member = value</c> or <c>new Type { Member = value }</c> on an instance of <see cref="Sink.Type"/>.</summary>
    PropertySet,

    /// <summary><c>Member(…)</c> or <c>this.Member(…)</c>: a method inherited from <see cref="Sink.Type"/>, such as a controller's result helpers.</summary>
    InheritedCall,
}

/// <summary>
/// One place where a family's dangerous value is used: a member of a type and the argument that
/// carries the value. Catalogues list these as data so a reader sees what is checked at a glance.
/// </summary>
/// <param name="Shape">Call, static call, construction or property assignment.</param>
/// <param name="Type">Simple name of the type that owns the member (<c>HttpClient</c>).</param>
/// <param name="Member">The method or property name, or the type name again for a construction.</param>
/// <param name="Argument">Position of the value among the arguments (ignored for property sets).</param>
/// <param name="ArgumentNames">The parameter's names across overloads, for callers that name their arguments.</param>
public sealed record Sink(SinkShape Shape, string Type, string Member, int Argument, params string[] ArgumentNames)
{
    /// <summary>
    /// Receiver names that stand for <see cref="Type"/> when the receiver's type does not resolve
    /// (third-party packages, services injected under an interface): matched as parts of the name,
    /// ignoring case. Empty means the type must resolve or be named in the file.
    /// </summary>
    public IReadOnlyList<string> ReceiverHints { get; init; } = [];

    /// <summary>The fewest arguments the call must have for this overload to be the sink; null when any.</summary>
    public int? MinimumArguments { get; init; }

    /// <summary>Only when the value is a string (or its type does not resolve): <c>File(path, type)</c>, not <c>File(bytes, type)</c>.</summary>
    public bool OnlyStrings { get; init; }

    public static Sink Call(string type, string member, int argument, string? argumentName, params string[] receiverHints) =>
        new(SinkShape.InstanceCall, type, member, argument, Names(argumentName)) { ReceiverHints = receiverHints };

    public static Sink Static(string type, string member, int argument = 0, string? argumentName = null) =>
        new(SinkShape.StaticCall, type, member, argument, Names(argumentName));

    public static Sink Inherited(string type, string member, int argument = 0, string? argumentName = null) =>
        new(SinkShape.InheritedCall, type, member, argument, Names(argumentName));

    public static Sink New(string type, int argument = 0, params string[] argumentNames) =>
        new(SinkShape.Construction, type, type, argument, argumentNames);

    public static Sink Property(string type, string property, params string[] receiverHints) =>
        new(SinkShape.PropertySet, type, property, 0) { ReceiverHints = receiverHints };

    private static string[] Names(string? name) => name is null ? [] : [name];
}
