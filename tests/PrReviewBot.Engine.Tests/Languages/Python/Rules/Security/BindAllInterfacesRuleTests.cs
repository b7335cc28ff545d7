using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class BindAllInterfacesRuleTests
{
    [Fact]
    public void Flags_servers_and_sockets_bound_to_every_interface()
    {
        PythonRuleVerifier.Verify<BindAllInterfacesRule>("""
            import socket
            import uvicorn
            from flask import Flask

            app = Flask(__name__)
            [|app.run(host="0.0.0.0", port=5000)|]
            [|app.run("0.0.0.0")|]
            [|create_app().run(host="0.0.0.0", port=8080)|]
            HOST = "0.0.0.0"
            [|uvicorn.run(api, host=HOST, port=8000)|]

            def serve(port):
                listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                [|listener.bind(("", port))|]
                [|server = socket.socket()
                server.bind(("::", port))|]
                [|self.sock.bind(("0.0.0.0", port))|]
                everywhere = ("0.0.0.0", 8080)
                [|self.sock.bind(everywhere)|]
            """);
    }

    [Fact]
    public void Ignores_loopback_configured_addresses_and_other_run_methods()
    {
        PythonRuleVerifier.VerifyNone<BindAllInterfacesRule>("""
            import socket
            import uvicorn
            from flask import Flask

            app = Flask(__name__)
            app.run(host="127.0.0.1")
            app.run(host=os.environ["HOST"])
            app.run()
            uvicorn.run(api, host="localhost")
            runner.run(host="0.0.0.0")
            imported_app.run("0.0.0.0")
            sock = socket.socket()
            sock.bind(("127.0.0.1", 8080))
            other.bind(("", 8080))
            other.bind(address)
            """);
    }

    [Fact]
    public void Reads_bare_run_and_bind_calls_by_what_they_resolve_to()
    {
        PythonRuleVerifier.Verify<BindAllInterfacesRule>("""
            from uvicorn import run as serve_api
            from .reflection import run, bind


            def main(api):
                run(api, host="0.0.0.0")
                bind(("0.0.0.0", 8080))
                [|serve_api(api, host="0.0.0.0")|]
            """);
    }
}
