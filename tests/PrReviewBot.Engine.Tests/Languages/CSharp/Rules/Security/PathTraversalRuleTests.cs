using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class PathTraversalRuleTests
{
    [Fact]
    public void Flags_query_string_values_used_as_paths_in_an_http_handler()
    {
        CSharpRuleVerifier.Verify<PathTraversalRule>("""
            using System;
            using System.IO;
            using System.Web;

            public class TaintedPathHandler : IHttpHandler
            {
                public void ProcessRequest(HttpContext ctx)
                {
                    String path = ctx.Request.QueryString["page"];
                    using (StreamWriter sw = [|File.CreateText(path)|])
                    {
                        sw.WriteLine("Hello");
                    }

                    using (StreamWriter sw = [|new StreamWriter(path)|])
                    {
                        sw.WriteLine("Hello");
                    }

                    string badPath = "/home/user/" + path;
                    if (File.Exists(badPath))
                    {
                        ctx.Response.Write([|File.ReadAllText(badPath)|]);
                    }
                }

                public bool IsReusable => true;
            }
            """);
    }

    [Fact]
    public void Reading_the_changed_code_leaves_a_sink_the_change_did_not_touch_to_the_whole_file_reading()
    {
        const string Source = """
            using System.IO;
            using Microsoft.AspNetCore.Mvc;

            public class DownloadsController : ControllerBase
            {
                [HttpGet("{name}")]
                public IActionResult Get(string name)
                {
                    var bytes = System.IO.File.ReadAllBytes(name);
                    var length = bytes.Length;
                    return Ok(length);
                }
            }
            """;
        var added = ChangedCodeScope.Added(Source, 10);

        // The sink's line was not added, so the review would drop its finding: in the changed code it is not even matched.
        Assert.Empty(CSharpRuleVerifier.Run<PathTraversalRule>(Source, changedLines: added));
        Assert.Equal(9, Assert.Single(CSharpRuleVerifier.Run<PathTraversalRule>(Source, ReviewOptions.Default with { Scope = AnalysisScope.WholeFiles }, changedLines: added)).StartLine);
        Assert.Empty(ChangedCodeScope.Kept<PathTraversalRule>(Source, added));
    }

    [Fact]
    public void Flags_controller_action_parameters_through_Path_Combine()
    {
        CSharpRuleVerifier.Verify<PathTraversalRule>("""
            using System.IO;
            using Microsoft.AspNetCore.Mvc;

            public class DownloadsController : ControllerBase
            {
                private readonly string root = "/srv/files";

                [HttpGet("{name}")]
                public IActionResult Get(string name)
                {
                    var full = Path.Combine(root, "public", name);
                    var bytes = [|System.IO.File.ReadAllBytes(full)|];
                    return [|PhysicalFile(full, "application/octet-stream")|];
                }

                public void Delete(string name)
                {
                    [|File.Delete(Path.Combine(root, name.Trim()))|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_insufficient_checks()
    {
        CSharpRuleVerifier.Verify<PathTraversalRule>("""
            using System.IO;
            using System.Web;

            public class Handler
            {
                public void ProcessRequest(HttpContext ctx)
                {
                    string path = ctx.Request.QueryString["page"];
                    if (!path.StartsWith("../"))
                    {
                        [|File.ReadAllText(path)|];
                    }

                    if (!string.IsNullOrEmpty(path))
                    {
                        [|File.ReadAllText(path)|];
                    }
                }
            }
            """);
    }

    [Fact]
    public void Flags_uploaded_file_names_minimal_api_and_from_query_parameters()
    {
        CSharpRuleVerifier.Verify<PathTraversalRule>("""
            using System.IO;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class Uploads
            {
                public void Save(IFormFile file, [FromQuery] string folder)
                {
                    using var stream = [|new FileStream(Path.Combine("/uploads", file.FileName), FileMode.Create)|];
                    [|Directory.CreateDirectory(folder)|];
                }

                public void Map(WebApplication app)
                {
                    app.MapGet("/files", (string name) => [|File.ReadAllText("/data/" + name)|]);
                }
            }
            """);
    }

    [Fact]
    public void Flags_using_static_File_and_FileInfo()
    {
        CSharpRuleVerifier.Verify<PathTraversalRule>("""
            using System.IO;
            using Microsoft.AspNetCore.Mvc;
            using static System.IO.File;

            public class ReportsController : Controller
            {
                public IActionResult Show()
                {
                    var name = Request.Form["report"].ToString();
                    var text = [|ReadAllText(name)|];
                    var info = [|new FileInfo(name)|];
                    [|Copy(name, "/tmp/copy.txt")|];
                    return Content(text);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_file_name_only_and_guarded_full_paths()
    {
        CSharpRuleVerifier.VerifyNone<PathTraversalRule>("""
            using System.IO;
            using Microsoft.AspNetCore.Mvc;

            public class DownloadsController : Controller
            {
                private const string Root = "/srv/files";

                public IActionResult Get(string name)
                {
                    var safe = Path.Combine(Root, Path.GetFileName(name));
                    var a = System.IO.File.ReadAllBytes(safe);

                    var full = Path.GetFullPath(Path.Combine(Root, name));
                    if (full.StartsWith(Root, System.StringComparison.Ordinal))
                    {
                        return PhysicalFile(full, "application/octet-stream");
                    }

                    return NotFound();
                }

                public IActionResult Other(string name)
                {
                    var full = Path.GetFullPath(Path.Combine(Root, name));
                    if (!full.StartsWith(Root + Path.DirectorySeparatorChar))
                    {
                        return BadRequest();
                    }

                    return PhysicalFile(full, "text/plain");
                }
            }
            """);
    }

    [Fact]
    public void Ignores_allow_lists_and_dot_dot_rejection()
    {
        CSharpRuleVerifier.VerifyNone<PathTraversalRule>("""
            using System.Collections.Generic;
            using System.IO;
            using Microsoft.AspNetCore.Mvc;

            public class PagesController : Controller
            {
                private static readonly HashSet<string> Allowed = new() { "a.txt", "b.txt" };

                public string Read(string page)
                {
                    if (page == "foo")
                    {
                        return System.IO.File.ReadAllText(page);
                    }

                    if (Allowed.Contains(page))
                    {
                        return System.IO.File.ReadAllText(Path.Combine("/pages", page));
                    }

                    switch (page)
                    {
                        case "terms":
                            return System.IO.File.ReadAllText(page + ".html");
                    }

                    if (page.Contains(".."))
                    {
                        return "";
                    }

                    return System.IO.File.ReadAllText(Path.Combine("/pages", page));
                }
            }
            """);
    }

    [Fact]
    public void Ignores_non_string_parameters_and_non_web_methods()
    {
        CSharpRuleVerifier.VerifyNone<PathTraversalRule>("""
            using System;
            using System.IO;
            using Microsoft.AspNetCore.Mvc;

            public class InvoicesController : Controller
            {
                public IActionResult Get(int id, Guid key)
                {
                    var text = System.IO.File.ReadAllText($"/invoices/{id}-{key}.pdf");
                    return Content(text);
                }

                private string Load(string path) => System.IO.File.ReadAllText(path);
            }

            public class Loader
            {
                public string Load(string path) => File.ReadAllText(path);
            }
            """);
    }

    [Fact]
    public void Ignores_existence_checks_content_writes_and_parsed_values()
    {
        CSharpRuleVerifier.VerifyNone<PathTraversalRule>("""
            using System;
            using System.IO;
            using System.Web;

            public class Handler
            {
                public void ProcessRequest(HttpContext ctx)
                {
                    string path = ctx.Request.QueryString["page"];
                    Directory.Exists(path);
                    File.Exists(path);
                    File.WriteAllText("/var/log/app.log", path);
                    File.ReadAllText(new Guid(path).ToString());
                    File.ReadAllText(int.Parse(path).ToString());
                    using var reader = new StreamReader(ctx.Request.InputStream);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_controller_file_results_built_from_bytes()
    {
        CSharpRuleVerifier.VerifyNone<PathTraversalRule>("""
            using Microsoft.AspNetCore.Mvc;

            public class ExportController : Controller
            {
                public IActionResult Export(string format)
                {
                    byte[] data = Build(format);
                    return File(data, "application/pdf", "export." + format);
                }

                private static byte[] Build(string format) => new byte[0];
            }
            """);
    }

    [Fact]
    public void Flags_razor_page_handlers_azure_functions_and_try_get_value()
    {
        CSharpRuleVerifier.Verify<PathTraversalRule>("""
            using System.IO;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public class ViewModel : PageModel
            {
                public string Text { get; private set; }

                public void OnGet(string file)
                {
                    Text = [|File.ReadAllText(Path.Combine("/docs", file))|];
                }
            }

            public static class Download
            {
                public static string Run(HttpRequest req)
                {
                    if (req.Query.TryGetValue("name", out var name))
                    {
                        return [|File.ReadAllText("/data/" + name)|];
                    }

                    return "";
                }
            }
            """);
    }

    [Fact]
    public void Ignores_private_helpers_and_sanitized_reassignment()
    {
        CSharpRuleVerifier.VerifyNone<PathTraversalRule>("""
            using System.IO;
            using Microsoft.AspNetCore.Mvc;

            public class FilesController : Controller
            {
                public IActionResult Get(string name)
                {
                    name = Path.GetFileName(name);
                    var text = System.IO.File.ReadAllText(Path.Combine("/files", name));
                    return Content(Load("/files/readme.txt") + text);
                }

                private static string Load(string path) => System.IO.File.ReadAllText(path);
            }
            """);
    }

    [Fact]
    public void Flags_map_path_and_directory_listings_from_request_values()
    {
        CSharpRuleVerifier.Verify<PathTraversalRule>("""
            using System.IO;
            using System.Web;

            public partial class Viewer : System.Web.UI.Page
            {
                protected void Page_Load(object sender, System.EventArgs e)
                {
                    using var reader = [|new StreamReader(Server.MapPath("~/App_Data/" + Request["file"]))|];
                    var listing = [|Directory.GetFiles(Request.QueryString["dir"])|];
                    [|File.Move("/tmp/upload.bin", Path.Combine("/srv", Request.Form["target"]))|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_web_root_files_request_streams_and_validated_names()
    {
        CSharpRuleVerifier.VerifyNone<PathTraversalRule>("""
            using System.IO;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Mvc;

            public class PagesController : Controller
            {
                private readonly IWebHostEnvironment env;

                public IActionResult Show(string name)
                {
                    var home = System.IO.File.ReadAllText(Path.Combine(env.WebRootPath, "static.html"));
                    using var reader = new StreamReader(Request.Body);
                    if (!IsValidFileName(name))
                    {
                        return BadRequest();
                    }

                    return Content(System.IO.File.ReadAllText(Path.Combine(env.WebRootPath, name)) + home);
                }

                private static bool IsValidFileName(string name) => name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;
            }
            """);
    }

    [Fact]
    public void Flags_archive_entries_written_where_the_archive_says()
    {
        CSharpRuleVerifier.Verify<PathTraversalRule>("""
            using System.IO;
            using System.IO.Compression;

            public sealed class Unpacker
            {
                public void Extract(string archivePath, string destination)
                {
                    using var archive = ZipFile.OpenRead(archivePath);
                    foreach (var entry in archive.Entries)
                    {
                        var target = Path.Combine(destination, entry.FullName);
                        [|entry.ExtractToFile(target, overwrite: true)|];
                        using var copy = [|File.Create(Path.Combine(destination, entry.FullName + ".bak"))|];
                    }
                }
            }
            """);
    }

    [Fact]
    public void Leaves_archive_entries_checked_against_the_destination_or_reduced_to_a_name_alone()
    {
        CSharpRuleVerifier.VerifyNone<PathTraversalRule>("""
            using System;
            using System.IO;
            using System.IO.Compression;

            public sealed class Unpacker
            {
                public void Extract(ZipArchive archive, string destination)
                {
                    var root = Path.GetFullPath(destination);
                    foreach (var entry in archive.Entries)
                    {
                        var target = Path.GetFullPath(Path.Combine(root, entry.FullName));
                        if (!target.StartsWith(root, StringComparison.Ordinal))
                        {
                            throw new IOException("Entry is outside the target folder.");
                        }

                        entry.ExtractToFile(target);
                        entry.ExtractToFile(Path.Combine(root, Path.GetFileName(entry.FullName)));
                        entry.ExtractToFile(Path.Combine(root, entry.Name));
                    }
                }
            }
            """);
    }
}
