using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

/// <summary>Path traversal: request paths given to file calls. A finding starts where the value is read into the variable the sink uses, when that is a few lines above.</summary>
public sealed class PathTraversalRuleTests
{
    [Fact]
    public void Path_traversal_flags_request_paths_in_file_calls_through_joins_and_helpers()
    {
        PythonRuleVerifier.Verify<PathTraversalRule>("""
            import os
            import shutil
            from pathlib import Path
            from flask import Flask, request, send_file

            app = Flask(__name__)
            BASE = "/srv/files"

            def full_path(name):
                return os.path.join(BASE, name)

            @app.route("/read/<name>")
            def read(name):
                [|with open(os.path.join(BASE, name)) as handle:|]
                    return handle.read()

            @app.route("/download")
            def download():
                [|path = full_path(request.args["file"])
                return send_file(path)|]

            def remove(request):
                [|target = Path(BASE) / request.POST["name"]
                shutil.rmtree(target)|]
            """);
    }

    [Fact]
    public void Path_traversal_leaves_file_names_and_contained_paths_alone()
    {
        PythonRuleVerifier.VerifyNone<PathTraversalRule>("""
            import os
            from flask import request, send_from_directory
            from werkzeug.utils import secure_filename

            BASE = "/srv/files"

            def read():
                name = os.path.basename(request.args["file"])
                return open(os.path.join(BASE, name)).read()

            def save():
                upload = request.files["upload"]
                upload.save(os.path.join(BASE, secure_filename(upload.filename)))

            def contained():
                path = os.path.realpath(os.path.join(BASE, request.args["file"]))
                if not path.startswith(BASE):
                    raise ValueError("outside")
                return open(path).read()

            def served(name):
                return send_from_directory(BASE, request.args["file"])

            def settings():
                return open("settings.ini").read()
            """);
    }
}
