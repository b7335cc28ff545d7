using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class LooseFilePermissionsRuleTests
{
    [Fact]
    public void Flags_access_rules_that_allow_everyone()
    {
        var findings = CSharpRuleVerifier.Verify<LooseFilePermissionsRule>("""
            using System.Security.AccessControl;
            using System.Security.Principal;

            public static class Shares
            {
                private const string World = "Everyone";

                public static void Open(FileSecurity file, DirectorySecurity directory)
                {
                    [|file.AddAccessRule(new FileSystemAccessRule("Everyone", FileSystemRights.FullControl, AccessControlType.Allow))|];
                    [|directory.SetAccessRule(new FileSystemAccessRule(new NTAccount(World), FileSystemRights.Read | FileSystemRights.Write, InheritanceFlags.ContainerInherit, PropagationFlags.None, AccessControlType.Allow))|];
                    [|file.AddAccessRule(new FileSystemAccessRule(new SecurityIdentifier(WellKnownSidType.WorldSid, null), FileSystemRights.Modify, AccessControlType.Allow))|];
                    [|file.AddAccessRule(new FileSystemAccessRule("BUILTIN\\Users", FileSystemRights.Write, AccessControlType.Allow))|];
                }
            }
            """);
        Assert.Contains("every account", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_a_rule_kept_in_a_variable_when_it_is_added()
    {
        CSharpRuleVerifier.Verify<LooseFilePermissionsRule>("""
            using System.Security.AccessControl;

            public static class Shares
            {
                public static void Open(FileSecurity file)
                {
                    var rule = new FileSystemAccessRule("Everyone", FileSystemRights.Read, AccessControlType.Allow);
                    file.RemoveAccessRule(rule);
                    [|file.AddAccessRule(rule)|];

                    void Later()
                    {
                        [|file.SetAccessRule(rule)|];
                    }
                }
            }
            """);
    }

    [Fact]
    public void Ignores_deny_rules_removals_and_specific_accounts()
    {
        CSharpRuleVerifier.VerifyNone<LooseFilePermissionsRule>("""
            using System.Security.AccessControl;

            public static class Shares
            {
                public static void Open(FileSecurity file, string account)
                {
                    file.AddAccessRule(new FileSystemAccessRule("Everyone", FileSystemRights.Write, AccessControlType.Deny));
                    file.RemoveAccessRule(new FileSystemAccessRule("Everyone", FileSystemRights.FullControl, AccessControlType.Allow));
                    file.AddAccessRule(new FileSystemAccessRule(account, FileSystemRights.FullControl, AccessControlType.Allow));
                    file.AddAccessRule(new FileSystemAccessRule("Users", FileSystemRights.ReadAndExecute, AccessControlType.Allow));
                    var rule = new FileSystemAccessRule("Everyone", FileSystemRights.Read, AccessControlType.Allow);
                }
            }
            """);
    }

    [Fact]
    public void Flags_world_writable_unix_modes_and_mono_other_permissions()
    {
        CSharpRuleVerifier.Verify<LooseFilePermissionsRule>("""
            using System.IO;
            using Mono.Unix;

            public static class Modes
            {
                public static void Apply(string path)
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | [|UnixFileMode.OtherWrite|]);
                    var entry = UnixFileSystemInfo.GetFileSystemEntry(path);
                    entry.FileAccessPermissions = [|FileAccessPermissions.AllPermissions|];
                    entry.FileAccessPermissions |= [|FileAccessPermissions.OtherRead|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_readable_unix_modes_comparisons_and_removed_bits()
    {
        CSharpRuleVerifier.VerifyNone<LooseFilePermissionsRule>("""
            using System.IO;
            using Mono.Unix;

            public static class Modes
            {
                public static bool Apply(string path, UnixFileSystemInfo entry)
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
                    entry.FileAccessPermissions = FileAccessPermissions.UserReadWriteExecute | FileAccessPermissions.GroupRead;
                    entry.FileAccessPermissions &= ~FileAccessPermissions.OtherReadWriteExecute;
                    var mode = File.GetUnixFileMode(path);
                    return (mode & UnixFileMode.OtherWrite) != 0 || entry.FileAccessPermissions == FileAccessPermissions.OtherWrite;
                }
            }
            """);
    }
}
