using PrReviewBot.Engine.Languages.Python.Rules.Naming;
using static PrReviewBot.Engine.Tests.Languages.Python.PythonRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Naming;

public sealed class PythonNamingConventionRuleTests
{
    [Fact]
    public void Flags_camel_case_variable_and_suggests_snake_case()
    {
        var findings = Verify<PythonNamingConventionRule>("""
            def sync(project):
                [|projectExternalId|] = project.external_id
                consumer_obj = project.consumer
                return projectExternalId, consumer_obj
            """);

        Assert.Equal("Variable `projectExternalId` is camelCase; Python variables are snake_case: `project_external_id`.", findings.Single().Message);
    }

    [Fact]
    public void Never_calls_snake_case_camel_case_like_the_reference_review()
    {
        var findings = Verify<PythonNamingConventionRule>("""
            class [|consumer_obj|]:
                pass
            """);

        Assert.Equal("Class `consumer_obj` is snake_case; Python classes are CapWords: `ConsumerObj`.", findings.Single().Message);
        Assert.DoesNotContain("camelCase", findings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_camel_case_function_method_and_parameter()
    {
        var findings = Verify<PythonNamingConventionRule>("""
            [|def createProject(name, [|ownerId|]):|]
                return name, ownerId


            class ProjectStore:
                [|def saveRecord(self, record):|]
                    return record
            """);

        Assert.Equal(
            [
                "Function `createProject` is camelCase; Python functions are snake_case: `create_project`.",
                "Method `saveRecord` is camelCase; Python methods are snake_case: `save_record`.",
                "Parameter `ownerId` is camelCase; Python parameters are snake_case: `owner_id`.",
            ],
            findings.Select(finding => finding.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Flags_cap_words_parameter_and_mixed_local()
    {
        var findings = Verify<PythonNamingConventionRule>("""
            def load([|Path|]):
                [|Raw_Data|] = open(Path).read()
                return Raw_Data
            """);

        Assert.Contains("Parameter `Path` is CapWords", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("`raw_data`", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_camel_case_module_variable()
    {
        Verify<PythonNamingConventionRule>("""
            MAX_RETRIES = 3
            [|defaultTimeout|] = 30
            """);
    }

    [Fact]
    public void Accepts_pep8_names_constants_and_aliases()
    {
        VerifyNone<PythonNamingConventionRule>("""
            from sqlalchemy.orm import declarative_base

            MAX_RETRIES = 3
            default_timeout = 30
            Base = declarative_base()
            _private_cache = {}


            class ProjectStore(Base):
                TABLE_NAME = "projects"

                def __init__(self, session):
                    self._session = session

                def create_record(self, consumer_obj, *args, **kwargs):
                    x = 1
                    _ = args
                    return consumer_obj, x, kwargs
            """);
    }

    [Fact]
    public void Ignores_names_bound_by_libraries()
    {
        VerifyNone<PythonNamingConventionRule>("""
            import ast
            import unittest
            from http.server import BaseHTTPRequestHandler
            from typing import override


            class StoreTests(unittest.TestCase):
                def setUp(self):
                    self.store = None

                def tearDown(self):
                    self.store = None


            class Visitor(ast.NodeVisitor):
                def visit_FunctionDef(self, node):
                    return node


            class Handler(BaseHTTPRequestHandler):
                def do_GET(self):
                    return None

                @override
                def logMessage(self, format, *args):
                    return None
            """);
    }

    [Fact]
    public void Ignores_imported_names_dunders_and_single_letters()
    {
        VerifyNone<PythonNamingConventionRule>("""
            from PyQt5.QtWidgets import QApplication
            from mylib import getValue

            __version__ = "1.0"
            N = 10


            def solve(A, B):
                getValue = None
                X = A + B
                X_train = X
                return X_train, getValue, QApplication


            def test_createProject_rejects_empty_names():
                assert solve(1, 2)


            class Test_display_path:
                def test_relative(self):
                    assert solve(1, 2)


            class [|Helper_display_path|]:
                pass
            """);
    }

    [Fact]
    public void Leaves_classes_named_like_the_builtin_they_extend_or_the_function_they_stand_in_for()
    {
        // werkzeug's utils.py and its six-style with_metaclass.
        Verify<PythonNamingConventionRule>("""
            import typing as t

            _T = t.TypeVar("_T")


            class cached_property(property, t.Generic[_T]):
                pass


            class _DictAccessorProperty(t.Generic[_T]):
                def __get__(self, obj, owner=None):
                    return self


            class environ_property(_DictAccessorProperty[str]):
                pass


            class header_property(_internal._DictAccessorProperty[str]):
                pass


            def with_metaclass(meta, *bases):
                class metaclass(type):
                    pass

                return metaclass


            class [|plain_record|](object):
                pass
            """);
    }

    [Fact]
    public void Reports_a_name_once_per_scope()
    {
        Verify<PythonNamingConventionRule>("""
            def count(items):
                [|totalCount|] = 0
                for item in items:
                    totalCount += item
                totalCount = totalCount * 2
                return totalCount
            """);
    }

    [Fact]
    public void Calls_a_camel_case_class_level_name_an_attribute()
    {
        var findings = Verify<PythonNamingConventionRule>("""
            class Project(Base):
                __tablename__ = "projects"
                MAX_NAME = 80
                [|externalId|] = Column(String)
            """);

        Assert.Equal("Class attribute `externalId` is camelCase; Python attributes are snake_case: `external_id`.", findings.Single().Message);
    }

    [Fact]
    public void Leaves_pytest_fixture_names_and_the_parameters_that_request_them_alone()
    {
        VerifyNone<PythonNamingConventionRule>(
            """
            import pytest


            @pytest.fixture
            def channel_USD(channelFactory):
                return channelFactory(currency="USD")


            @pytest.fixture(name="orderEUR")
            def orderEUR(channel_USD, checkoutWithItem):
                return checkoutWithItem.order


            @pytest.mark.parametrize("rawAmount", [1, 2])
            def test_converts_amounts(channel_USD, orderEUR, rawAmount):
                assert channel_USD.convert(rawAmount)


            def testLegacyName(channel_USD):
                assert channel_USD
            """,
            path: "tests/test_channels.py");
    }

    [Fact]
    public void Leaves_unittest_camel_case_hooks_and_assertions_alone()
    {
        VerifyNone<PythonNamingConventionRule>("""
            import unittest


            class ProjectTestCase(unittest.TestCase):
                def setUp(self):
                    self.project = None

                def assertProjectSaved(self, project, msg=None):
                    self.assertIsNotNone(project.id, msg)

                def testCreate(self):
                    self.assertProjectSaved(self.project)
            """);
    }

    [Fact]
    public void Leaves_capitalised_symbols_and_units_in_underscore_names_alone()
    {
        VerifyNone<PythonNamingConventionRule>("""
            def convert(amount_USD, rate):
                amount_EUR = amount_USD * rate
                X_train, y_train = split(amount_EUR)
                return to_UTC(X_train), y_train
            """);
    }

    [Fact]
    public void Leaves_parameters_a_route_path_names_alone()
    {
        Verify<PythonNamingConventionRule>("""
            @app.route("/projects/<int:projectId>")
            def show_project(projectId, [|showAll|]=False):
                return projectId, showAll


            @router.get("/items/{itemId}")
            async def read_item(itemId: int):
                return itemId
            """);
    }

    [Fact]
    public void Blames_the_base_method_not_its_overrides()
    {
        Verify<PythonNamingConventionRule>("""
            class Exporter:
                [|def exportAll(self, projects):|]
                    raise NotImplementedError


            class CsvExporter(Exporter):
                def exportAll(self, projects):
                    return len(projects)
            """);
    }

    [Fact]
    public void Follows_a_camel_case_convention_the_existing_siblings_share()
    {
        VerifyNone<PythonNamingConventionRule>(
            """
            class JsBridge:
                def getElement(self, selector):
                    return self.page.query(selector)

                def setAttribute(self, element, name, value):
                    element.set(name, value)

                def addEventListener(self, element, event, handler):
                    element.on(event, handler)

                def removeEventListener(self, element, event):
                    element.off(event)
            """,
            changedLines: Added(12, 11, 12));
    }

    [Fact]
    public void Still_flags_a_camel_case_slip_among_snake_case_siblings()
    {
        Verify<PythonNamingConventionRule>(
            """
            class Store:
                def get_element(self, selector):
                    return self.page.query(selector)

                def set_attribute(self, element, name, value):
                    element.set(name, value)

                def add_listener(self, element, event, handler):
                    element.on(event, handler)

                [|def removeListener(self, element, event):|]
                    element.off(event)
            """,
            changedLines: Added(12, 11, 12));
    }

    [Fact]
    public void Does_not_blame_names_the_change_only_re_typed()
    {
        VerifyNone<PythonNamingConventionRule>(
            """
            def loadProject(projectPath: str) -> str:
                with open(projectPath) as handle:
                    return handle.read()


            text = loadProject("a.toml")
            """,
            changedLines: Added(6, 1));
    }

    [Fact]
    public void Blames_a_name_the_change_introduced_into_an_existing_function()
    {
        Verify<PythonNamingConventionRule>(
            """
            def load_project(path, [|rawText|]=None):
                if rawText is not None:
                    return rawText
                with open(path) as handle:
                    return handle.read()
            """,
            changedLines: Added(5, 1, 2, 3));
    }

    [Fact]
    public void Leaves_a_fallback_that_keeps_an_imported_name_alone()
    {
        VerifyNone<PythonNamingConventionRule>("""
            try:
                from urllib3.contrib.socks import SOCKSProxyManager
            except ImportError:

                def SOCKSProxyManager(*args, **kwargs):
                    raise InvalidSchema("Missing dependencies for SOCKS support.")
            """);
    }

    [Fact]
    public void Leaves_stand_ins_for_another_api_and_class_valued_parameters_alone()
    {
        VerifyNone<PythonNamingConventionRule>(
            """
            from collections import deque

            from .wrappers import Response


            def test_proxy_bypass_registry(monkeypatch):
                import winreg

                class RegHandle:
                    def Close(self):
                        pass

                def OpenKey(key, subkey):
                    return RegHandle()

                monkeypatch.setattr(winreg, "OpenKey", OpenKey)


            def redirect(location, code=302, Response=None):
                return (Response or BaseResponse)(location, code)


            def make_response(body, ResponseClass: type[BaseResponse] = BaseResponse):
                return ResponseClass(body)
            """,
            path: "tests/test_utils.py");
    }

    [Fact]
    public void Leaves_upper_case_constants_that_spell_a_proper_name_alone()
    {
        VerifyNone<PythonNamingConventionRule>("""
            IPv4_STYLE_HOSTNAME = re.compile(r"^[0-9]+.[0-9]+.[0-9]+.[0-9]+$")
            IPv6_STYLE_HOSTNAME = re.compile(r"^\[.*\]$")
            """);
    }

    [Fact]
    public void Still_flags_a_camel_case_method_called_through_an_instance()
    {
        Verify<PythonNamingConventionRule>("""
            class ProjectService:
                [|def getProject(self, project_external_id):|]
                    return self.rows[project_external_id]


            service = ProjectService()
            project = service.getProject("p-1")
            """);
    }

    [Fact]
    public void Leaves_model_fields_that_mirror_a_quoted_wire_format_alone()
    {
        Verify<PythonNamingConventionRule>("""
            class EditorJSTableModel(StrictBaseModel):
                '''A table block.

                    {"withHeadings": true, "stretched": false}
                '''

                withHeadings: bool | None = None
                [|isStretched|]: bool | None = None
            """);
    }
}
