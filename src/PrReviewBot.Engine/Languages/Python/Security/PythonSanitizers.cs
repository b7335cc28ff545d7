using PrReviewBot.Engine.Detection.Taint;

namespace PrReviewBot.Engine.Languages.Python.Security;

/// <summary>
/// Calls (after import resolution) whose result no longer carries the caller's control for some
/// families, as data, plus the calls that pass a value through unchanged enough to stay dangerous.
/// </summary>
internal static class PythonSanitizers
{
    public static readonly IReadOnlyDictionary<string, SanitizerEffect> Calls = new Dictionary<string, SanitizerEffect>(StringComparer.Ordinal)
    {
        ["int"] = SanitizerEffect.Everything,
        ["float"] = SanitizerEffect.Everything,
        ["bool"] = SanitizerEffect.Everything,
        ["len"] = SanitizerEffect.Everything,
        ["abs"] = SanitizerEffect.Everything,
        ["round"] = SanitizerEffect.Everything,
        ["hash"] = SanitizerEffect.Everything,
        ["id"] = SanitizerEffect.Everything,
        ["isinstance"] = SanitizerEffect.Everything,
        ["uuid.UUID"] = SanitizerEffect.Everything,
        ["decimal.Decimal"] = SanitizerEffect.Everything,
        ["datetime.datetime.strptime"] = SanitizerEffect.Everything,
        ["datetime.date.fromisoformat"] = SanitizerEffect.Everything,
        ["hashlib.sha256"] = SanitizerEffect.Everything,
        ["hashlib.md5"] = SanitizerEffect.Everything,
        ["shlex.quote"] = SanitizerEffect.Shell,
        ["pipes.quote"] = SanitizerEffect.Shell,
        ["shlex.join"] = SanitizerEffect.Shell,
        ["html.escape"] = SanitizerEffect.Html,
        ["cgi.escape"] = SanitizerEffect.Html,
        ["markupsafe.escape"] = SanitizerEffect.Html,
        ["flask.escape"] = SanitizerEffect.Html,
        ["jinja2.escape"] = SanitizerEffect.Html,
        ["django.utils.html.escape"] = SanitizerEffect.Html,
        ["django.utils.html.conditional_escape"] = SanitizerEffect.Html,
        ["django.utils.html.format_html"] = SanitizerEffect.Html,
        ["django.utils.html.strip_tags"] = SanitizerEffect.Html,
        ["bleach.clean"] = SanitizerEffect.Html,
        ["bleach.linkify"] = SanitizerEffect.Html,
        ["xml.sax.saxutils.escape"] = SanitizerEffect.Html,
        ["flask.jsonify"] = SanitizerEffect.Html,
        ["os.path.basename"] = SanitizerEffect.FileName,
        ["werkzeug.utils.secure_filename"] = SanitizerEffect.FileName,
        ["werkzeug.secure_filename"] = SanitizerEffect.FileName,
        ["django.utils.text.get_valid_filename"] = SanitizerEffect.FileName,
        ["pathvalidate.sanitize_filename"] = SanitizerEffect.FileName,
        ["re.escape"] = SanitizerEffect.Regex,
        ["urllib.parse.quote"] = SanitizerEffect.UrlComponent,
        ["urllib.parse.quote_plus"] = SanitizerEffect.UrlComponent,
        ["urllib.parse.urlencode"] = SanitizerEffect.UrlComponent,
        ["urllib.quote"] = SanitizerEffect.UrlComponent,
        ["urllib.quote_plus"] = SanitizerEffect.UrlComponent,
        ["urllib.urlencode"] = SanitizerEffect.UrlComponent,
        ["django.utils.http.urlencode"] = SanitizerEffect.UrlComponent,
        ["flask.url_for"] = SanitizerEffect.UrlComponent,
        ["django.urls.reverse"] = SanitizerEffect.UrlComponent,
        ["django.shortcuts.resolve_url"] = SanitizerEffect.UrlComponent,
    };

    /// <summary>Calls in a test that vouch for a value: when a function checks a value with one of these, the value is trusted in that function.</summary>
    public static readonly IReadOnlyDictionary<string, SanitizerEffect> Checks = new Dictionary<string, SanitizerEffect>(StringComparer.Ordinal)
    {
        ["django.utils.http.url_has_allowed_host_and_scheme"] = SanitizerEffect.UrlComponent,
        ["django.utils.http.is_safe_url"] = SanitizerEffect.UrlComponent,
        ["is_safe_url"] = SanitizerEffect.UrlComponent,
        ["url_has_allowed_host_and_scheme"] = SanitizerEffect.UrlComponent,
        ["is_safe_redirect_url"] = SanitizerEffect.UrlComponent,
        ["re.match"] = SanitizerEffect.Everything,
        ["re.fullmatch"] = SanitizerEffect.Everything,
        ["isdigit"] = SanitizerEffect.Everything,
        ["isnumeric"] = SanitizerEffect.Everything,
        ["isdecimal"] = SanitizerEffect.Everything,
        ["isalnum"] = SanitizerEffect.Everything,
        ["isalpha"] = SanitizerEffect.Everything,
        ["isidentifier"] = SanitizerEffect.Everything,
        ["startswith"] = SanitizerEffect.FileName,
        ["is_relative_to"] = SanitizerEffect.FileName,
        ["os.path.commonpath"] = SanitizerEffect.FileName,
        ["os.path.commonprefix"] = SanitizerEffect.FileName,
    };

    /// <summary>Library calls whose result carries their arguments' content (paths joined, text decoded or parsed).</summary>
    public static readonly IReadOnlySet<string> Propagators = new HashSet<string>(StringComparer.Ordinal)
    {
        "str", "bytes", "repr", "format", "list", "tuple", "set", "dict", "sorted", "reversed", "iter", "next", "map", "filter", "zip",
        "os.path.join", "os.path.abspath", "os.path.realpath", "os.path.normpath", "os.path.expanduser", "os.path.dirname",
        "os.fspath", "os.path.splitext", "posixpath.join", "ntpath.join", "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath",
        "urllib.parse.urljoin", "urllib.parse.unquote", "urllib.parse.unquote_plus", "urllib.parse.urlunparse", "urlparse.urljoin",
        "urllib.unquote", "base64.b64decode", "base64.urlsafe_b64decode", "base64.b64encode", "binascii.unhexlify", "codecs.decode",
        "json.loads", "json.load", "yaml.safe_load", "ujson.loads", "simplejson.loads", "orjson.loads",
        "string.Template", "textwrap.dedent", "copy.copy", "copy.deepcopy", "getattr", "typing.cast",
    };
}
