using PrReviewBot.Engine.Detection.Taint;

namespace PrReviewBot.Engine.Languages.Python.Security.Sinks;

/// <summary>
/// What each Python family checks, as data: the calls (after import resolution) whose argument
/// does harm when it carries outside data. Read this file to know what the taint rules look at.
/// </summary>
public static class PythonSinks
{
    private static readonly string[] HttpVerbs = ["get", "post", "put", "patch", "delete", "head", "options", "request", "stream"];

    private static readonly string[] ClientNames = ["session", "client", "http", "sess", "http_client", "async_client", "httpx_client", "s", "c"];

    public static PythonSinkCatalogue Sql { get; } = new(VulnerabilityFamily.SqlInjection,
    [
        new("*.execute", 0, "sql"), new("*.executemany", 0, "sql"), new("*.executescript", 0, "sql_script"),
        new("*.exec_driver_sql", 0, "statement"), new("*.raw", 0, "raw_query"), new("*.mogrify", 0, "query"),
        new("*.fetch", 0, "query") { Receivers = ["conn", "connection", "db", "pool"] },
        new("*.fetchrow", 0, "query") { Receivers = ["conn", "connection", "con", "db", "pool"] },
        new("*.fetchval", 0, "query") { Receivers = ["conn", "connection", "con", "db", "pool"] },
        new("*.run", 0, "sql") { Receivers = ["conn", "connection", "con"] },
        new("*.cursor", 0, "query") { Receivers = ["conn", "connection", "con"] },
        new("sqlalchemy.text", 0, "text"), new("sqlalchemy.sql.text", 0, "text"), new("sqlalchemy.sql.expression.text", 0, "text"),
        new("pandas.read_sql", 0, "sql"), new("pandas.read_sql_query", 0, "sql"),
        new("django.db.models.expressions.RawSQL", 0, "sql"), new("django.db.models.RawSQL", 0, "sql"),
        new("*.extra", 1, "where"), new("*.extra", 0, "select"), new("*.extra", 3, "tables"), new("*.extra", 4, "order_by"),
    ]);

    public static PythonSinkCatalogue Command { get; } = new(VulnerabilityFamily.CommandInjection,
    [
        new("os.system", 0, "command"), new("os.popen", 0, "cmd"), new("os.popen2", 0, "cmd"), new("os.popen3", 0, "cmd"),
        new("subprocess.getoutput", 0, "cmd"), new("subprocess.getstatusoutput", 0, "cmd"),
        new("commands.getoutput", 0, "cmd"), new("commands.getstatusoutput", 0, "cmd"),
        new("asyncio.create_subprocess_shell", 0, "cmd"), new("asyncio.subprocess.create_subprocess_shell", 0, "cmd"),
        new("*.subprocess_shell", 1, "cmd") { Receivers = ["loop", "event_loop"] },
        new("*.subprocess_exec", 1, "program", SinkCondition.ProgramOrShell) { Receivers = ["loop", "event_loop"] },
        new("asyncio.subprocess.create_subprocess_exec", 0, "program"),
        new("os.posix_spawn", 0, "path"), new("os.posix_spawnp", 0, "path"), new("os.spawnlpe", 1, "file"), new("os.spawnvpe", 1, "file"),
        new("subprocess.run", 0, "args", SinkCondition.ProgramOrShell), new("subprocess.call", 0, "args", SinkCondition.ProgramOrShell),
        new("subprocess.check_call", 0, "args", SinkCondition.ProgramOrShell), new("subprocess.check_output", 0, "args", SinkCondition.ProgramOrShell),
        new("subprocess.Popen", 0, "args", SinkCondition.ProgramOrShell), new("asyncio.create_subprocess_exec", 0, "program"),
        new("os.execl", 0, "path"), new("os.execle", 0, "path"), new("os.execlp", 0, "file"), new("os.execv", 0, "path"),
        new("os.execve", 0, "path"), new("os.execvp", 0, "file"), new("os.execvpe", 0, "file"),
        new("os.spawnl", 1, "path"), new("os.spawnle", 1, "path"), new("os.spawnlp", 1, "file"), new("os.spawnv", 1, "path"),
        new("os.spawnve", 1, "path"), new("os.spawnvp", 1, "file"), new("os.startfile", 0, "filepath"),
        new("pty.spawn", 0, "argv"), new("paramiko.SSHClient().exec_command", 0, "command"), new("*.exec_command", 0, "command") { Receivers = ["ssh", "client", "ssh_client"] },
        new("fabric.api.local", 0, "command"), new("fabric.api.run", 0, "command"), new("fabric.api.sudo", 0, "command"),
        new("invoke.run", 0, "command"), new("sh.Command", 0, null),
    ]);

    public static PythonSinkCatalogue Code { get; } = new(VulnerabilityFamily.CodeInjection,
    [
        new("eval", 0, "source"), new("exec", 0, "source"), new("compile", 0, "source"), new("execfile", 0, null),
        new("builtins.eval", 0, "source"), new("builtins.exec", 0, "source"), new("__import__", 0, "name"),
        new("importlib.import_module", 0, "name"), new("code.InteractiveInterpreter().runsource", 0, "source"),
        new("*.runsource", 0, "source"), new("*.runcode", 0, "code"), new("code.InteractiveConsole().push", 0, "line"),
        new("*.push", 0, "line") { Receivers = ["console", "interpreter", "repl"] }, new("code.compile_command", 0, "source"),
        new("_testcapi.run_in_subinterp", 0, "code"), new("test.support.run_in_subinterp", 0, "code"),
        new("_xxsubinterpreters.run_string", 1, "script"), new("_interpreters.run_string", 1, "script"),
    ]);

    public static PythonSinkCatalogue Path { get; } = new(VulnerabilityFamily.PathTraversal,
    [
        new("open", 0, "file"), new("builtins.open", 0, "file"), new("io.open", 0, "file"), new("codecs.open", 0, "filename"),
        new("os.open", 0, "path"), new("os.remove", 0, "path"), new("os.unlink", 0, "path"), new("os.rmdir", 0, "path"),
        new("os.removedirs", 0, "name"), new("os.rename", 0, "src"), new("os.replace", 0, "src"), new("os.mkdir", 0, "path"),
        new("os.makedirs", 0, "name"), new("os.listdir", 0, "path"), new("os.scandir", 0, "path"), new("os.chmod", 0, "path"),
        new("os.chown", 0, "path"), new("os.truncate", 0, "path"), new("os.walk", 0, "top"),
        new("shutil.copy", 0, "src"), new("shutil.copy2", 0, "src"), new("shutil.copyfile", 0, "src"), new("shutil.copytree", 0, "src"),
        new("shutil.move", 0, "src"), new("shutil.rmtree", 0, "path"), new("shutil.copy", 1, "dst"), new("shutil.copyfile", 1, "dst"),
        new("pathlib.Path().open", -1, null), new("pathlib.Path().read_text", -1, null), new("pathlib.Path().read_bytes", -1, null),
        new("pathlib.Path().write_text", -1, null), new("pathlib.Path().write_bytes", -1, null), new("pathlib.Path().unlink", -1, null),
        new("flask.send_file", 0, "path_or_file"), new("flask.helpers.send_file", 0, "filename_or_fp"), new("flask.send_from_directory", 0, "directory"),
        new("django.http.FileResponse", 0, null), new("starlette.responses.FileResponse", 0, "path"), new("fastapi.responses.FileResponse", 0, "path"),
        new("aiofiles.open", 0, "file"), new("tarfile.open", 0, "name"), new("zipfile.ZipFile", 0, "file"),
        new("numpy.load", 0, "file"), new("pandas.read_csv", 0, "filepath_or_buffer"), new("linecache.getline", 0, "filename"),
        new("glob.glob", 0, "pathname"), new("os.path.getsize", 0, "filename"),
    ]);

    public static PythonSinkCatalogue Ssrf { get; } = new(VulnerabilityFamily.ServerSideRequestForgery,
    [
        .. HttpVerbs.Select(verb => new PythonSink("requests." + verb, verb == "request" ? 1 : 0, "url")),
        .. HttpVerbs.Select(verb => new PythonSink("requests.Session()." + verb, verb == "request" ? 1 : 0, "url")),
        .. HttpVerbs.Select(verb => new PythonSink("requests.session()." + verb, verb == "request" ? 1 : 0, "url")),
        .. HttpVerbs.Select(verb => new PythonSink("httpx." + verb, verb == "request" ? 1 : 0, "url")),
        .. HttpVerbs.Select(verb => new PythonSink("httpx.Client()." + verb, verb == "request" ? 1 : 0, "url")),
        .. HttpVerbs.Select(verb => new PythonSink("httpx.AsyncClient()." + verb, verb == "request" ? 1 : 0, "url")),
        .. HttpVerbs.Select(verb => new PythonSink("aiohttp.ClientSession()." + verb, verb == "request" ? 1 : 0, "url")),
        .. HttpVerbs.Select(verb => new PythonSink("*." + verb, verb == "request" ? 1 : 0, "url") { Receivers = ClientNames }),
        new("urllib.request.urlopen", 0, "url"), new("urllib.request.Request", 0, "url"), new("urllib.request.urlretrieve", 0, "url"),
        new("urllib.urlopen", 0, "url"), new("urllib.urlretrieve", 0, "url"), new("urllib2.urlopen", 0, "url"), new("urllib2.Request", 0, "url"),
        new("urllib3.PoolManager().request", 1, "url"), new("urllib3.PoolManager().urlopen", 1, "url"), new("*.urlopen", 0, "url") { Receivers = ["opener"] },
        new("http.client.HTTPConnection", 0, "host"), new("http.client.HTTPSConnection", 0, "host"),
        new("httplib.HTTPConnection", 0, "host"), new("httplib.HTTPSConnection", 0, "host"),
        new("aiohttp.request", 1, "url"), new("pycurl.Curl().setopt", 1, "value"), new("socket.create_connection", 0, "address"),
        new("tornado.httpclient.AsyncHTTPClient().fetch", 0, "request"), new("tornado.httpclient.HTTPClient().fetch", 0, "request"),
        new("xmlrpc.client.ServerProxy", 0, "uri"), new("ftplib.FTP", 0, "host"), new("smtplib.SMTP", 0, "host"),
    ]);

    public static PythonSinkCatalogue Redirect { get; } = new(VulnerabilityFamily.OpenRedirect,
    [
        new("flask.redirect", 0, "location"), new("werkzeug.utils.redirect", 0, "location"), new("quart.redirect", 0, "location"),
        new("django.shortcuts.redirect", 0, "to"), new("django.http.HttpResponseRedirect", 0, "redirect_to"),
        new("django.http.HttpResponsePermanentRedirect", 0, "redirect_to"), new("django.http.response.HttpResponseRedirect", 0, "redirect_to"),
        new("starlette.responses.RedirectResponse", 0, "url"), new("fastapi.responses.RedirectResponse", 0, "url"),
        new("aiohttp.web.HTTPFound", 0, "location"), new("aiohttp.web.HTTPSeeOther", 0, "location"),
        new("aiohttp.web.HTTPMovedPermanently", 0, "location"), new("aiohttp.web.HTTPTemporaryRedirect", 0, "location"),
        new("bottle.redirect", 0, "url"), new("pyramid.httpexceptions.HTTPFound", 0, "location"),
        new("*.redirect", 0, "url") { Receivers = ["self"] },
    ]);

    public static PythonSinkCatalogue Xss { get; } = new(VulnerabilityFamily.CrossSiteScripting,
    [
        new("markupsafe.Markup", 0, "base"), new("flask.Markup", 0, "base"), new("jinja2.Markup", 0, "base"),
        new("django.utils.safestring.mark_safe", 0, "s"), new("django.utils.safestring.SafeString", 0, null),
        new("django.utils.safestring.SafeText", 0, null), new("django.http.HttpResponse", 0, "content"),
        new("django.http.response.HttpResponse", 0, "content"), new("django.http.HttpResponseBadRequest", 0, "content"),
        new("django.http.HttpResponseNotFound", 0, "content"), new("flask.make_response", 0, null), new("flask.Response", 0, "response"),
        new("werkzeug.wrappers.Response", 0, "response"), new("starlette.responses.HTMLResponse", 0, "content"),
        new("fastapi.responses.HTMLResponse", 0, "content"), new("aiohttp.web.Response", -1, "text"), new("*.write", 0, "chunk") { Receivers = ["self"] },
        new("*.finish", 0, "chunk") { Receivers = ["self"] },
    ]);

    public static PythonSinkCatalogue Template { get; } = new(VulnerabilityFamily.TemplateInjection,
    [
        new("flask.render_template_string", 0, "source"), new("jinja2.Template", 0, "source"), new("jinja2.Environment().from_string", 0, "source"),
        new("*.from_string", 0, "source") { Receivers = ["env", "environment", "jinja_env", "jinja"] },
        new("django.template.Template", 0, "template_string"), new("django.template.engines[].from_string", 0, "template_code"),
        new("mako.template.Template", 0, "text"), new("tornado.template.Template", 0, "template_string"),
        new("chevron.render", 0, "template"), new("pystache.render", 0, "template"),
    ]);

    public static PythonSinkCatalogue Regex { get; } = new(VulnerabilityFamily.RegexInjection,
    [
        new("re.compile", 0, "pattern"), new("re.match", 0, "pattern"), new("re.search", 0, "pattern"), new("re.fullmatch", 0, "pattern"),
        new("re.findall", 0, "pattern"), new("re.finditer", 0, "pattern"), new("re.sub", 0, "pattern"), new("re.subn", 0, "pattern"),
        new("re.split", 0, "pattern"), new("regex.compile", 0, "pattern"), new("regex.match", 0, "pattern"), new("regex.search", 0, "pattern"),
    ]);
}
