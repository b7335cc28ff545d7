using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Languages.Python.Rules.TypeHints;
using static PrReviewBot.Engine.Tests.Languages.Python.PythonRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.TypeHints;

public sealed class PythonMissingTypeHintsRuleTests
{
    [Fact]
    public void Names_missing_parameters_and_return_in_one_finding()
    {
        var findings = Verify<PythonMissingTypeHintsRule>("""
            def load(path: str) -> str:
                return path


            [|def create_project(name, owner):|]
                return name, owner
            """);

        Assert.Equal("Function `create_project` has no annotations for `name`, `owner` and no return annotation.", findings.Single().Message);
    }

    [Fact]
    public void Flags_missing_return_only()
    {
        var findings = Verify<PythonMissingTypeHintsRule>("""
            [|def save(record: dict):|]
                return record
            """);

        Assert.Equal("Function `save` has no return annotation.", findings.Single().Message);
    }

    [Fact]
    public void Flags_single_parameter_of_a_method_ignoring_self()
    {
        var findings = Verify<PythonMissingTypeHintsRule>("""
            class Store:
                [|def add(self, item) -> None:|]
                    self.items.append(item)
            """);

        Assert.Equal("Method `add` has no annotation for `item`.", findings.Single().Message);
    }

    [Fact]
    public void Flags_init_parameters_but_not_its_return()
    {
        var findings = Verify<PythonMissingTypeHintsRule>("""
            class Store:
                [|def __init__(self, session):|]
                    self.session = session

                def count(self) -> int:
                    return 0
            """);

        Assert.Equal("Method `__init__` has no annotation for `session`.", findings.Single().Message);
    }

    [Fact]
    public void Does_not_nag_an_existing_module_without_any_annotations()
    {
        VerifyNone<PythonMissingTypeHintsRule>(
            """
            def create_project(name, owner):
                return name, owner


            class Store:
                def add(self, item):
                    return item

                def remove(self, item):
                    return item
            """,
            changedLines: Added(11, 10, 11));
    }

    [Fact]
    public void Asks_a_new_module_without_any_annotations_when_nothing_beside_it_says_otherwise()
    {
        Verify<PythonMissingTypeHintsRule>("""
            [|def create_project(name, owner):|]
                return name, owner
            """);
    }

    [Fact]
    public void Accepts_fully_annotated_functions_and_init_without_return()
    {
        VerifyNone<PythonMissingTypeHintsRule>("""
            class Store:
                def __init__(self, session: object):
                    self.session = session

                @classmethod
                def create(cls, name: str, *args: int, **kwargs: str) -> "Store":
                    return cls(name)
            """);
    }

    [Fact]
    public void Ignores_private_dunder_and_nested_functions()
    {
        VerifyNone<PythonMissingTypeHintsRule>("""
            def run(x: int) -> int:
                def helper(y):
                    return y
                return helper(x)


            def _private(a):
                return a


            class _Hidden:
                def __init__(self, a):
                    self.a = a


            class Shown:
                def __repr__(self):
                    return "Shown"
            """);
    }

    [Fact]
    public void Ignores_tests_and_overload_stubs()
    {
        VerifyNone<PythonMissingTypeHintsRule>("""
            from typing import overload


            @overload
            def get(key: int) -> int: ...
            @overload
            def get(key): ...
            def get(key: object) -> object:
                return key


            def test_get():
                assert get(1) == 1
            """);
    }

    [Fact]
    public void All_mode_asks_for_hints_even_in_an_unannotated_module()
    {
        Verify<PythonMissingTypeHintsRule>("""
            [|def create(name):|]
                return name
            """, ReviewOptions.Default with { PythonTypeHints = TypeHintsMode.All });
    }

    [Fact]
    public void Off_mode_never_asks_for_hints()
    {
        VerifyNone<PythonMissingTypeHintsRule>("""
            def typed(name: str) -> str:
                return name


            def create(name):
                return name
            """, ReviewOptions.Default with { PythonTypeHints = TypeHintsMode.Off });
    }

    [Fact]
    public void Does_not_blame_a_function_whose_body_alone_changed()
    {
        VerifyNone<PythonMissingTypeHintsRule>(
            """
            def load(path: str) -> str:
                return path


            def create_project(name, owner):
                project = Project(name=name)
                project.owner = owner
                return project
            """,
            changedLines: Added(8, 6, 7));
    }

    [Fact]
    public void Covers_the_whole_signature_so_an_added_parameter_line_is_the_change_s()
    {
        var findings = Verify<PythonMissingTypeHintsRule>(
            """
            def load(path: str) -> str:
                return path


            [|def create_project(
                name,
                owner,
            ):|]
                return Project(name=name, owner=owner)
            """,
            changedLines: Added(9, 7));

        Assert.Equal((5, 8), (findings.Single().StartLine, findings.Single().EndLine));
    }

    [Fact]
    public void Follows_an_existing_module_that_mostly_goes_without_hints()
    {
        VerifyNone<PythonMissingTypeHintsRule>(
            """
            def load(path: str) -> str:
                return path


            def save(path, text):
                return path, text


            def rename(path, new_path):
                return new_path


            def remove(path):
                return path
            """,
            changedLines: Added(14, 13, 14));
    }

    [Fact]
    public void Asks_for_hints_on_an_added_function_of_an_annotated_existing_module()
    {
        Verify<PythonMissingTypeHintsRule>(
            """
            def load(path: str) -> str:
                return path


            def save(path: str, text: str) -> None:
                print(path, text)


            [|def remove(path):|]
                return path
            """,
            changedLines: Added(10, 9, 10));
    }

    [Fact]
    public void Does_not_require_annotations_on_star_args_or_in_tests()
    {
        VerifyNone<PythonMissingTypeHintsRule>("""
            def load(path: str, *args, **kwargs) -> str:
                return path
            """);
        VerifyNone<PythonMissingTypeHintsRule>(
            """
            def load(path: str) -> str:
                return path


            def make_project(name):
                return name
            """,
            path: "tests/conftest.py");
    }

    [Fact]
    public void Leaves_overrides_and_unused_placeholder_parameters_alone()
    {
        VerifyNone<PythonMissingTypeHintsRule>("""
            from django.core.management.base import BaseCommand


            class Command(BaseCommand):
                help = "Check the trees."

                def add_arguments(self, parser):
                    parser.add_argument("--fix", action="store_true")

                def handle(self, *args, **options):
                    self.stdout.write("ok")


            class MenuItemDelete(ModelDeleteMutation):
                @classmethod
                def perform_mutation(cls, _root, info: ResolveInfo, /, **data) -> MenuItemDelete:
                    return cls.delete(info, **data)
            """);
    }
}
