namespace PrReviewBot.Engine.Detection.Taint;

/// <summary>
/// The kinds of harm a value from outside can do when it reaches a sink. The C# and the Python
/// source-to-sink models share this vocabulary, so a family means the same thing in both
/// languages and its sink catalogue can be read side by side.
/// </summary>
public enum VulnerabilityFamily
{
    SqlInjection,
    CommandInjection,
    CodeInjection,
    PathTraversal,
    ServerSideRequestForgery,
    OpenRedirect,
    CrossSiteScripting,
    RegexInjection,
    LdapInjection,
    XPathInjection,
    TemplateInjection,
    HeaderInjection,
    Deserialization,
    XmlExternalEntities,

    /// <summary>Text parsed as a float (<c>nan</c>, <c>inf</c>) or a boolean where a comparison or a flag decides something.</summary>
    NumberParsing,
}

/// <summary>Where an untrusted value enters the program.</summary>
public enum TaintSourceKind
{
    /// <summary>Query string, form, body, headers, cookies, route values, uploaded file names; parameters bound from them.</summary>
    RequestData,

    /// <summary><c>sys.argv</c>, <c>args</c> of <c>Main</c>, argument parsers.</summary>
    CommandLine,

    /// <summary><c>input()</c>, <c>Console.ReadLine()</c>, <c>sys.stdin</c>.</summary>
    StandardInput,

    /// <summary>Data read from a socket or a remote response.</summary>
    Network,

    /// <summary>Environment variables (trusted for most families; named so a catalogue can opt in).</summary>
    Environment,

    /// <summary>
    /// The name an archive gives one of its entries (<c>ZipArchiveEntry.FullName</c>, a tar entry's name,
    /// <c>zipfile</c> members): whoever made the archive chose it, <c>../</c> and absolute paths included.
    /// </summary>
    ArchiveEntryName,

    /// <summary>
    /// A string parameter of a public method: whoever calls it chooses the value. Trusted for most
    /// families (the caller is the program's own code); a catalogue opts in where a public method that
    /// hands its caller's value to a sink is itself the risk, and its rule says so as a warning.
    /// </summary>
    CallerArgument,
}

/// <summary>What a sanitizer makes safe: a value passed through it stops carrying taint for these families.</summary>
public enum SanitizerEffect
{
    /// <summary>Parsing to a number, a GUID/UUID or a boolean: safe for every family.</summary>
    Everything,

    /// <summary>HTML escaping: safe in HTML output only.</summary>
    Html,

    /// <summary>Shell quoting: safe on a shell command line only.</summary>
    Shell,

    /// <summary>Reducing to a file name (<c>Path.GetFileName</c>, <c>os.path.basename</c>, <c>secure_filename</c>): safe for paths.</summary>
    FileName,

    /// <summary>Regex escaping: safe inside a pattern.</summary>
    Regex,

    /// <summary>URL encoding of a component: safe for redirects and request URLs built around it.</summary>
    UrlComponent,
}
