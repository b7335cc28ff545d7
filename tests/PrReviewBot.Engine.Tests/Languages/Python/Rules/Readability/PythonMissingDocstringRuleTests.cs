using PrReviewBot.Engine.Languages.Python.Rules.Docs;
using static PrReviewBot.Engine.Tests.Languages.Python.PythonRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Readability;

public sealed class PythonMissingDocstringRuleTests
{
    [Fact]
    public void Flags_undocumented_function_in_a_documented_module()
    {
        var findings = Verify<PythonMissingDocstringRule>("""
            def load(path):
                "Load a project from disk."
                return path


            [|def create_project(name, owner):|]
                return name, owner
            """);

        Assert.Equal("Function `create_project` has no docstring.", findings.Single().Message);
    }

    [Fact]
    public void Flags_class_and_method_when_the_module_has_a_docstring()
    {
        var findings = Verify<PythonMissingDocstringRule>("""
            '''Project storage.'''


            [|class ProjectStore:|]
                [|def save(self, record):|]
                    return record
            """);

        Assert.Equal("Class `ProjectStore` has no docstring.", findings[0].Message);
        Assert.Equal("Method `save` has no docstring.", findings[1].Message);
    }

    [Fact]
    public void Flags_decorated_and_async_functions_on_their_def_line()
    {
        Verify<PythonMissingDocstringRule>("""
            class Api:
                '''The public API.'''

                @staticmethod
                [|def ping():|]
                    return "pong"

                [|async def fetch(self, url):|]
                    return url
            """);
    }

    [Fact]
    public void Flags_public_method_of_a_documented_class()
    {
        Verify<PythonMissingDocstringRule>("""
            class Store:
                "Stores things."

                def __init__(self):
                    self.items = []

                [|def add(self, item):|]
                    self.items.append(item)
            """);
    }

    [Fact]
    public void Does_not_nag_a_module_that_documents_nothing()
    {
        VerifyNone<PythonMissingDocstringRule>("""
            class ProjectStore:
                def save(self, record):
                    return record


            def create_project(name):
                return name
            """);
    }

    [Fact]
    public void Ignores_private_dunder_and_nested_definitions()
    {
        VerifyNone<PythonMissingDocstringRule>("""
            '''Helpers.'''


            def _helper():
                return 1


            class _Internal:
                def run(self):
                    return 2


            def outer():
                '''Outer.'''
                def inner():
                    return 3
                return inner
            """);
    }

    [Fact]
    public void Ignores_setters_overrides_overloads_and_tests()
    {
        VerifyNone<PythonMissingDocstringRule>("""
            from typing import overload, override


            class Base:
                '''Base.'''

                @property
                def name(self):
                    '''The name.'''
                    return self._name

                @name.setter
                def name(self, value):
                    self._name = value

                @override
                def __repr__(self):
                    return "Base"

                @override
                def save(self):
                    return None

                @overload
                def get(self, key: int) -> int: ...

                def get(self, key):
                    '''Get a value.'''
                    return key


            def test_base():
                assert Base()
            """);
    }

    [Fact]
    public void Ignores_documented_definitions_and_meta_classes()
    {
        VerifyNone<PythonMissingDocstringRule>("""
            class Project:
                '''A project.'''

                class Meta:
                    ordering = ["name"]

                def owner(self):
                    '''The owner.'''
                    return None
            """);
    }
}
