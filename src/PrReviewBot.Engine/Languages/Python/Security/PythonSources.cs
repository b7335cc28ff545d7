using PrReviewBot.Engine.Detection.Taint;

namespace PrReviewBot.Engine.Languages.Python.Security;

/// <summary>
/// Where untrusted values enter Python code, as data: the request objects of the web frameworks
/// and the members that carry the client's data, the calls that read them, the command line and
/// standard input. Everything not listed (the request's method, user, session) is trusted.
/// </summary>
internal static class PythonSources
{
    /// <summary>Names a request object goes by: Flask/Quart/Bottle/Starlette's global, a view's parameter, a handler's attribute.</summary>
    public static readonly IReadOnlySet<string> RequestObjects = new HashSet<string>(StringComparer.Ordinal)
    {
        "request", "req", "self.request", "flask.request", "bottle.request", "quart.request", "this.request",
    };

    /// <summary>Members of a request that carry what the client sent (Flask, Django, DRF, Starlette/FastAPI, aiohttp, Tornado, Pyramid, Bottle, Falcon).</summary>
    public static readonly IReadOnlySet<string> RequestDataMembers = new HashSet<string>(StringComparer.Ordinal)
    {
        // Flask / Werkzeug / Quart
        "args", "form", "values", "json", "data", "files", "cookies", "headers", "get_json", "get_data", "stream",
        "url", "base_url", "full_path", "path", "script_root", "url_root", "host_url", "referrer", "view_args",
        "environ", "query_string", "authorization", "access_route", "user_agent",
        // Django / DRF
        "GET", "POST", "COOKIES", "META", "FILES", "body", "REQUEST", "query_params", "get_full_path", "build_absolute_uri",
        "get_host", "read", "readline", "readlines",
        // Starlette / FastAPI / aiohttp
        "path_params", "query", "match_info", "text", "post", "multipart", "content", "rel_url", "raw_path",
        // Tornado / Pyramid / Bottle / Falcon / webapp2
        "arguments", "query_arguments", "body_arguments", "uri", "params", "matchdict", "json_body", "forms",
        "get_param", "get_header", "media", "get", "get_all", "params_get", "POST_dict",
    };

    /// <summary>Methods of a Tornado/webapp2 handler (<c>self.…</c>) that return the client's data.</summary>
    public static readonly IReadOnlySet<string> HandlerDataMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        "get_argument", "get_arguments", "get_query_argument", "get_query_arguments", "get_body_argument",
        "get_body_arguments", "get_cookie", "get_secure_cookie", "get_signed_cookie", "decode_argument",
    };

    /// <summary>Calls (after import resolution) whose result comes from outside the program.</summary>
    public static readonly IReadOnlyDictionary<string, TaintSourceKind> SourceCalls = new Dictionary<string, TaintSourceKind>(StringComparer.Ordinal)
    {
        ["input"] = TaintSourceKind.StandardInput,
        ["raw_input"] = TaintSourceKind.StandardInput,
        ["sys.stdin.read"] = TaintSourceKind.StandardInput,
        ["sys.stdin.readline"] = TaintSourceKind.StandardInput,
        ["sys.stdin.readlines"] = TaintSourceKind.StandardInput,
        ["fileinput.input"] = TaintSourceKind.StandardInput,
        ["flask.request.get_json"] = TaintSourceKind.RequestData,
        ["flask.request.get_data"] = TaintSourceKind.RequestData,
    };

    /// <summary>Methods whose result is what another program sent, when called on a socket-like receiver (<c>conn.recv(1024)</c>).</summary>
    public static readonly IReadOnlySet<string> NetworkReads = new HashSet<string>(StringComparer.Ordinal)
    {
        "recv", "recvfrom", "recv_into", "recvmsg",
    };

    /// <summary>Receiver names that read as a socket or a network connection.</summary>
    public static readonly IReadOnlySet<string> SocketNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "sock", "socket", "conn", "connection", "client", "client_socket", "clientsocket", "s", "csock", "peer", "remote",
    };

    /// <summary>Argument-parser calls whose result holds the command line (<c>args = parser.parse_args()</c>).</summary>
    public static readonly IReadOnlySet<string> ArgumentParsing = new HashSet<string>(StringComparer.Ordinal)
    {
        "parse_args", "parse_known_args", "parse_intermixed_args",
    };

    /// <summary>Values (after import resolution) that come from outside the program.</summary>
    public static readonly IReadOnlyDictionary<string, TaintSourceKind> SourceValues = new Dictionary<string, TaintSourceKind>(StringComparer.Ordinal)
    {
        ["sys.argv"] = TaintSourceKind.CommandLine,
        ["sys.stdin"] = TaintSourceKind.StandardInput,
    };

    /// <summary>Decorators that make a function a web handler whose parameters come from the request (route converters, query and body parameters).</summary>
    public static readonly IReadOnlySet<string> RouteDecoratorNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "route", "get", "post", "put", "delete", "patch", "head", "options", "api_route", "websocket", "view_config",
        "api_view", "action", "require_http_methods", "require_GET", "require_POST", "require_safe", "csrf_exempt",
        "app.route", "expose",
    };

    /// <summary>Annotations and converters of parameters that cannot carry text: a number, a UUID or a boolean is safe everywhere.</summary>
    public static readonly IReadOnlySet<string> SafeParameterTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "int", "float", "bool", "UUID", "uuid.UUID", "datetime", "date", "Decimal", "PositiveInt", "conint",
    };

    /// <summary>Base classes of handler classes whose method parameters come from the URL.</summary>
    public static readonly IReadOnlySet<string> HandlerBases = new HashSet<string>(StringComparer.Ordinal)
    {
        "RequestHandler", "tornado.web.RequestHandler", "web.RequestHandler", "View", "APIView", "MethodView",
        "HTTPEndpoint", "web.View", "webapp2.RequestHandler", "Resource", "GenericAPIView", "ViewSet", "ModelViewSet",
        "TemplateView", "FormView",
    };
}
