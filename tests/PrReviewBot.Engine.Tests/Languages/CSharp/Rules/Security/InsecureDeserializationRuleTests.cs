using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class InsecureDeserializationRuleTests
{
    [Fact]
    public void Flags_binary_formatter_creation_once_per_instance()
    {
        CSharpRuleVerifier.Verify<InsecureDeserializationRule>("""
            using System.IO;
            using System.Runtime.Serialization.Formatters.Binary;

            public sealed class Loader
            {
                public object Load(Stream stream)
                {
                    var formatter = [|new BinaryFormatter()|];
                    return formatter.Deserialize(stream);
                }
            }
            """);
    }

    [Fact]
    public void Flags_every_formatter_of_the_family()
    {
        CSharpRuleVerifier.Verify<InsecureDeserializationRule>("""
            using System.IO;
            using System.Runtime.Serialization;
            using System.Runtime.Serialization.Formatters.Soap;
            using System.Web.UI;

            public sealed class Loader
            {
                public void Load(Stream stream, string text)
                {
                    SoapFormatter soap = [|new SoapFormatter()|];
                    soap.Deserialize(stream);
                    var ndc = [|new NetDataContractSerializer()|];
                    ndc.ReadObject(stream);
                    LosFormatter los = [|new()|];
                    los.Deserialize(text);
                    var state = [|new ObjectStateFormatter()|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_deserialize_on_an_injected_formatter()
    {
        CSharpRuleVerifier.Verify<InsecureDeserializationRule>("""
            using System.IO;
            using System.Runtime.Serialization.Formatters.Binary;

            public sealed class Loader
            {
                private readonly BinaryFormatter formatter;

                public Loader(BinaryFormatter formatter) => this.formatter = formatter;

                public object Load(Stream stream) => [|formatter.Deserialize(stream)|];
            }
            """);
    }

    [Fact]
    public void Flags_type_name_handling_other_than_none_with_a_fix()
    {
        var findings = CSharpRuleVerifier.Verify<InsecureDeserializationRule>("""
            using Newtonsoft.Json;

            public sealed class Api
            {
                public T Read<T>(string json)
                {
                    var settings = new JsonSerializerSettings
                    {
                        Formatting = Formatting.Indented,
                        [|TypeNameHandling = TypeNameHandling.Auto|],
                    };
                    return JsonConvert.DeserializeObject<T>(json, settings);
                }

                public void Configure(JsonSerializerSettings settings)
                {
                    [|settings.TypeNameHandling = Newtonsoft.Json.TypeNameHandling.All;|]
                    JsonConvert.DefaultSettings = () => new JsonSerializerSettings { [|TypeNameHandling = TypeNameHandling.Objects|] };
                }
            }
            """);
        Assert.Equal("            TypeNameHandling = TypeNameHandling.None,", findings[0].Replacement);
        Assert.Equal("        settings.TypeNameHandling = Newtonsoft.Json.TypeNameHandling.None;", findings[1].Replacement);
    }

    [Fact]
    public void Flags_type_name_handling_in_json_property_attributes()
    {
        CSharpRuleVerifier.Verify<InsecureDeserializationRule>("""
            using Newtonsoft.Json;

            public sealed class Message
            {
                [JsonProperty([|TypeNameHandling = TypeNameHandling.All|])]
                public object Payload { get; set; }
            }
            """);
    }

    [Fact]
    public void Flags_javascript_serializer_with_simple_type_resolver()
    {
        CSharpRuleVerifier.Verify<InsecureDeserializationRule>("""
            using System.Web.Script.Serialization;

            public sealed class Api
            {
                public object Read(string json)
                {
                    var serializer = [|new JavaScriptSerializer(new SimpleTypeResolver())|];
                    var resolver = new SimpleTypeResolver();
                    var other = [|new JavaScriptSerializer(resolver)|];
                    return serializer.DeserializeObject(json);
                }
            }
            """);
    }

    [Fact]
    public void Flags_serializers_built_for_a_type_named_by_input()
    {
        CSharpRuleVerifier.Verify<InsecureDeserializationRule>("""
            using System;
            using System.IO;
            using System.Runtime.Serialization.Json;
            using System.Xml.Serialization;

            public sealed class Api
            {
                public object Read(string typeName, Stream body)
                {
                    var xml = [|new XmlSerializer(Type.GetType(typeName))|];
                    var type = Type.GetType(typeName);
                    var json = [|new DataContractJsonSerializer(type)|];
                    return xml.Deserialize(body);
                }
            }
            """);
    }

    [Fact]
    public void Flags_remoting_type_filter_level_full()
    {
        CSharpRuleVerifier.Verify<InsecureDeserializationRule>("""
            using System.Runtime.Remoting.Channels;
            using System.Runtime.Serialization.Formatters;

            public sealed class Server
            {
                public void Start()
                {
                    var provider = new BinaryServerFormatterSinkProvider { [|TypeFilterLevel = TypeFilterLevel.Full|] };
                }
            }
            """);
    }

    [Fact]
    public void Ignores_type_name_handling_none_and_comparisons()
    {
        CSharpRuleVerifier.VerifyNone<InsecureDeserializationRule>("""
            using Newtonsoft.Json;

            public sealed class Api
            {
                public T Read<T>(string json, JsonSerializerSettings current)
                {
                    var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
                    if (current.TypeNameHandling == TypeNameHandling.All)
                    {
                        throw new JsonException("unsafe settings");
                    }

                    return JsonConvert.DeserializeObject<T>(json, settings);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_safe_serializers_and_mentions_in_text()
    {
        CSharpRuleVerifier.VerifyNone<InsecureDeserializationRule>("""
            using System.IO;
            using System.Text.Json;
            using System.Xml.Serialization;

            // BinaryFormatter was removed here: new BinaryFormatter() is unsafe.
            public sealed class Api
            {
                private const string Note = "Do not use new BinaryFormatter().Deserialize(stream)";

                public Order Read(Stream body, string json)
                {
                    var xml = new XmlSerializer(typeof(Order));
                    var other = new XmlSerializer(json.GetType());
                    var fromJson = JsonSerializer.Deserialize<Order>(json);
                    return (Order)xml.Deserialize(body);
                }
            }

            public sealed class Order
            {
            }
            """);
    }

    [Fact]
    public void Ignores_serializer_for_a_constant_type_name()
    {
        CSharpRuleVerifier.VerifyNone<InsecureDeserializationRule>("""
            using System;
            using System.Xml.Serialization;

            public sealed class Api
            {
                public XmlSerializer Create() => new XmlSerializer(Type.GetType("Shop.Order, Shop"));
            }
            """);
    }

    [Fact]
    public void Ignores_deserialize_methods_of_other_types()
    {
        CSharpRuleVerifier.VerifyNone<InsecureDeserializationRule>("""
            using System.IO;
            using System.Xml.Serialization;

            public sealed class Api
            {
                private readonly XmlSerializer serializer = new XmlSerializer(typeof(string));
                private readonly IMessageFormatter formatter;

                public object Read(Stream body) => serializer.Deserialize(body) ?? formatter.Deserialize(body);
            }

            public interface IMessageFormatter
            {
                object Deserialize(Stream body);
            }
            """);
    }

    [Fact]
    public void Ignores_serialization_settings_from_unresolved_libraries_without_type_names()
    {
        CSharpRuleVerifier.VerifyNone<InsecureDeserializationRule>("""
            using Newtonsoft.Json;
            using Newtonsoft.Json.Serialization;

            public sealed class Api
            {
                public T Read<T>(string json) => JsonConvert.DeserializeObject<T>(json, new JsonSerializerSettings
                {
                    ContractResolver = new CamelCasePropertyNamesContractResolver(),
                    NullValueHandling = NullValueHandling.Ignore,
                    TypeNameAssemblyFormatHandling = TypeNameAssemblyFormatHandling.Simple,
                });
            }
            """);
    }

    [Fact]
    public void Ignores_a_javascript_serializer_without_a_type_resolver()
    {
        CSharpRuleVerifier.VerifyNone<InsecureDeserializationRule>("""
            using System.Web.Script.Serialization;

            public sealed class Api
            {
                public T Read<T>(string json) => new JavaScriptSerializer().Deserialize<T>(json);
            }
            """);
    }

    [Fact]
    public void Flags_fs_pickler_serializers_and_fast_json_without_list_type_checks()
    {
        CSharpRuleVerifier.Verify<InsecureDeserializationRule>("""
            using System.IO;
            using MBrace.FsPickler;
            using MBrace.FsPickler.Json;
            using fastJSON;

            public sealed class Cache
            {
                public object Read(Stream stream, string json)
                {
                    var pickler = [|FsPickler.CreateBinarySerializer()|];
                    var jsonPickler = [|FsPickler.CreateJsonSerializer(indent: true)|];
                    var fromJson = JSON.ToObject(json, new JSONParameters { [|BadListTypeChecking = false|] });
                    var checkedJson = JSON.ToObject(json, new JSONParameters { BadListTypeChecking = true });
                    return pickler.Deserialize<object>(stream);
                }
            }
            """);
    }

    [Fact]
    public void Flags_type_name_handling_set_on_settings_held_in_fields_and_helpers()
    {
        CSharpRuleVerifier.Verify<InsecureDeserializationRule>("""
            using Newtonsoft.Json;

            public sealed class Messages
            {
                private static readonly JsonSerializerSettings Settings = CreateSettings();

                private JsonSerializerSettings Options { get; } = new() { [|TypeNameHandling = TypeNameHandling.Objects|] };

                public object Read(string json) => JsonConvert.DeserializeObject(json, Settings);

                private static JsonSerializerSettings CreateSettings()
                {
                    var settings = new JsonSerializerSettings();
                    [|settings.TypeNameHandling = TypeNameHandling.Auto;|]
                    return settings;
                }
            }
            """);
    }

    [Fact]
    public void Flags_type_name_handling_from_a_number_or_the_request_and_resolvers_behind_aliases()
    {
        CSharpRuleVerifier.Verify<InsecureDeserializationRule>("""
            using Microsoft.AspNetCore.Mvc;
            using Newtonsoft.Json;
            using System.Web.Script.Serialization;
            using JSS = System.Web.Script.Serialization.JavaScriptSerializer;

            public class ImportController : Controller
            {
                private readonly JSS serializer = [|new JSS(new SimpleTypeResolver())|];

                public void Import(TypeNameHandling handling)
                {
                    var numbered = new JsonSerializerSettings { [|TypeNameHandling = (TypeNameHandling)3|] };
                    var chosen = new JsonSerializerSettings { [|TypeNameHandling = handling|] };
                }
            }
            """);
    }

    [Fact]
    public void Ignores_type_name_handling_zero_and_helper_parameters()
    {
        CSharpRuleVerifier.VerifyNone<InsecureDeserializationRule>("""
            using Newtonsoft.Json;

            internal static class JsonDefaults
            {
                internal static JsonSerializerSettings Create(TypeNameHandling handling) => new() { TypeNameHandling = handling };

                internal static JsonSerializerSettings None() => new() { TypeNameHandling = (TypeNameHandling)0 };
            }
            """);
    }

    [Fact]
    public void Flags_serializable_type_whose_constructor_checks_what_deserialization_does_not()
    {
        CSharpRuleVerifier.Verify<InsecureDeserializationRule>("""
            using System;
            using System.Runtime.Serialization;

            [Serializable]
            public class Ticket
            {
                public string Owner { get; }

                public Ticket(string owner) : this(owner, 0)
                {
                }

                [|public Ticket(string owner, int seats)|]
                {
                    if (string.IsNullOrEmpty(owner))
                    {
                        throw new ArgumentException("An owner is required.", nameof(owner));
                    }

                    Owner = owner;
                }
            }

            [Serializable]
            public class Link : ISerializable
            {
                public string Url { get; }

                [|public Link(string url)|]
                {
                    Url = url ?? throw new ArgumentNullException(nameof(url));
                }

                protected Link(SerializationInfo info, StreamingContext context)
                {
                    Url = info.GetString("Url");
                }

                public void GetObjectData(SerializationInfo info, StreamingContext context) => info.AddValue("Url", Url);
            }
            """);
    }

    [Fact]
    public void Ignores_serializable_types_that_validate_on_deserialization_or_check_nothing()
    {
        CSharpRuleVerifier.VerifyNone<InsecureDeserializationRule>("""
            using System;
            using System.Runtime.Serialization;

            [Serializable]
            public class Checked : IDeserializationCallback
            {
                public string Name { get; private set; }

                public Checked(string name)
                {
                    Name = name ?? string.Empty;
                }

                public void OnDeserialization(object sender)
                {
                    if (Name is null)
                    {
                        throw new SerializationException("Name is missing.");
                    }
                }
            }

            [Serializable]
            public class Plain
            {
                public string Name { get; }

                public Plain(string name)
                {
                    Name = DateTime.Now.Kind switch { DateTimeKind.Utc => name, _ => "none" };
                }
            }

            [Serializable]
            public class QuotaExceededException : Exception
            {
                public QuotaExceededException(string message) : base(message ?? "Quota exceeded.")
                {
                    if (message is null)
                    {
                        Data["default"] = true;
                    }
                }
            }

            public class NotSerializable
            {
                public NotSerializable(string name)
                {
                    ArgumentNullException.ThrowIfNull(name ?? throw new ArgumentNullException(nameof(name)));
                }
            }
            """);
    }
}
