using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class InsecureDeserializationRuleTests
{
    [Fact]
    public void Flags_pickle_family_and_aliases()
    {
        PythonRuleVerifier.Verify<InsecureDeserializationRule>("""
            import pickle
            import pickle as pk
            from pickle import loads
            import marshal, shelve, dill, jsonpickle
            import pandas as pd

            def load(blob, path):
                [|a = pickle.loads(blob)|]
                [|b = pk.load(open(path, "rb"))|]
                [|c = loads(blob)|]
                [|d = marshal.loads(blob)|]
                [|db = shelve.open(path)|]
                [|e = dill.loads(blob)|]
                [|f = jsonpickle.decode(blob)|]
                [|g = pd.read_pickle(path)|]
                return a, b, c, d, db, e, f, g
            """);
    }

    [Fact]
    public void Flags_yaml_without_safe_loader()
    {
        PythonRuleVerifier.Verify<InsecureDeserializationRule>("""
            import yaml

            def read(stream):
                [|a = yaml.load(stream)|]
                [|b = yaml.load(stream, Loader=yaml.Loader)|]
                [|c = yaml.load(stream, yaml.UnsafeLoader)|]
                [|d = yaml.unsafe_load(stream)|]
                [|e = yaml.full_load(stream)|]
                return a, b, c, d, e
            """);
    }

    [Fact]
    public void Ignores_safe_yaml_loaders()
    {
        PythonRuleVerifier.VerifyNone<InsecureDeserializationRule>("""
            import yaml
            from yaml import CSafeLoader

            def read(stream):
                a = yaml.safe_load(stream)
                b = yaml.load(stream, Loader=yaml.SafeLoader)
                c = yaml.load(stream, CSafeLoader)
                d = yaml.load(stream, Loader=yaml.BaseLoader)
                return a, b, c, d
            """);
    }

    [Fact]
    public void Ignores_json_dumps_and_unrelated_loads()
    {
        PythonRuleVerifier.VerifyNone<InsecureDeserializationRule>("""
            import json
            import pickle

            def save(obj, text, cache):
                data = json.loads(text)
                blob = pickle.dumps(obj)
                value = cache.loads(text)
                config = load(text)
                return data, blob, value, config
            """);
    }

    [Fact]
    public void Ignores_literal_data_but_not_literal_paths()
    {
        PythonRuleVerifier.Verify<InsecureDeserializationRule>("""
            import pickle, shelve, yaml
            import pandas as pd

            BLOB = b"\\x80\\x04N."
            a = pickle.loads(b"\\x80\\x04N.")
            b = pickle.loads(BLOB)
            c = yaml.load("key: value")
            d = yaml.load_all("thing.yaml")
            [|h = yaml.load("{}", Loader=yaml.Loader)|]
            [|i = yaml.unsafe_load("!!python/object/new:os.system [echo hi]")|]
            [|db = shelve.open("cache.db")|]
            [|e = pd.read_pickle("frame.pkl")|]

            def read(blob, stream):
                [|f = pickle.loads(blob)|]
                [|g = yaml.load(stream)|]
                return f, g
            """);
    }

    [Fact]
    public void Flags_ruamel_unsafe_type_and_numpy_pickles()
    {
        PythonRuleVerifier.Verify<InsecureDeserializationRule>("""
            import numpy as np
            from ruamel.yaml import YAML

            def read(path):
                [|loader = YAML(typ="unsafe")|]
                [|arrays = np.load(path, allow_pickle=True)|]
                return loader.load(path), arrays
            """);
    }

    [Fact]
    public void Ignores_ruamel_loaders_named_yaml_and_plain_numpy_loads()
    {
        PythonRuleVerifier.VerifyNone<InsecureDeserializationRule>("""
            import yaml
            import numpy as np
            from ruamel.yaml import YAML

            def read(stream, path):
                yaml = YAML(typ="rt")
                safe = YAML(typ="safe")
                return yaml.load(stream), safe.load(stream), np.load(path), np.load(path, allow_pickle=False)
            """);
    }
}
