using System.Globalization;
using System.Text;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;

namespace PrReviewBot.Benchmarks;

/// <summary>
/// Builds a realistic C# change of N files in memory: service classes of ~150 lines with
/// documented members, LINQ, async I/O, a few defects and readability slips, each file
/// modified by three hunks. Deterministic, so figures compare across runs.
/// </summary>
public static class SyntheticChange
{
    /// <param name="withBase">Also give each file's version before the change, as <c>--git</c> does, so the engine compares with it.</param>
    public static PullRequestSnapshot Snapshot(int fileCount, bool withFullContent, bool python = false, bool withBase = false)
    {
        var diff = DiffText(fileCount, out var contents, python, out var baseContents);
        var files = UnifiedDiffParser.Parse(diff)
            .Select(file => ChangedFile.FromDiff(file, withFullContent ? contents[file.Path] : null) with { OldContent = withBase ? baseContents[file.Path] : null })
            .ToList();
        return new PullRequestSnapshot(files, "0123456789abcdef0123456789abcdef01234567");
    }

    /// <summary>A <c>git diff</c> of the change, and the new content of every file by path.</summary>
    public static string DiffText(int fileCount, out Dictionary<string, string> contents, bool python = false) =>
        DiffText(fileCount, out contents, python, out _);

    /// <summary>A <c>git diff</c> of the change, and the new and old content of every file by path.</summary>
    public static string DiffText(int fileCount, out Dictionary<string, string> contents, bool python, out Dictionary<string, string> baseContents)
    {
        contents = new Dictionary<string, string>(StringComparer.Ordinal);
        baseContents = new Dictionary<string, string>(StringComparer.Ordinal);
        var diff = new StringBuilder();
        for (var index = 0; index < fileCount; index++)
        {
            var path = python
                ? string.Create(CultureInfo.InvariantCulture, $"app/module{index % 40}/service{index}.py")
                : string.Create(CultureInfo.InvariantCulture, $"src/Module{index % 40}/Service{index}.cs");
            var oldLines = python ? PythonFileLines(index, changed: false) : FileLines(index, changed: false);
            var newLines = python ? PythonFileLines(index, changed: true) : FileLines(index, changed: true);
            contents[path] = string.Join('\n', newLines) + "\n";
            baseContents[path] = string.Join('\n', oldLines) + "\n";
            AppendFileDiff(diff, path, oldLines, newLines);
        }

        return diff.ToString();
    }

    private static List<string> FileLines(int index, bool changed)
    {
        var lines = new List<string>
        {
            "using System;",
            "using System.Collections.Generic;",
            "using System.Linq;",
            "using System.Text;",
            "using System.Threading.Tasks;",
            string.Empty,
            string.Create(CultureInfo.InvariantCulture, $"namespace Contoso.Module{index % 40};"),
            string.Empty,
            "/// <summary>Coordinates orders for one warehouse.</summary>",
            string.Create(CultureInfo.InvariantCulture, $"public sealed class Service{index}"),
            "{",
            "    private readonly Dictionary<int, string> _names = new();",
            "    private int _count;",
            string.Empty,
        };
        for (var method = 0; method < 8; method++)
        {
            var added = changed && method is 2 or 5;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"    /// <summary>Handles step {method} of the order flow.</summary>"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"    public async Task<int> HandleStep{method}Async(int orderId, string customerName)"));
            lines.Add("    {");
            lines.Add("        var total = 0;");
            lines.Add("        foreach (var pair in _names.Where(entry => entry.Key > orderId))");
            lines.Add("        {");
            lines.Add("            total += pair.Value.Length;");
            lines.Add("        }");
            if (added)
            {
                lines.Add("        // increment the count");
                lines.Add("        _count++;");
                lines.Add("        var order_label = customerName.Trim();");
                if (method == 5 && index % 10 == 0)
                {
                    lines.Add("        var sql = \"SELECT * FROM Orders WHERE Customer = '\" + order_label + \"'\";");
                    lines.Add("        using var command = new SqlCommand(sql, _connection);");
                }
                else
                {
                    lines.Add("        var message = $\"Order {orderId} for {order_label}\";");
                }
                lines.Add("        _names[orderId] = order_label;");
            }

            lines.Add("        await Task.Yield();");
            lines.Add("        return total + _count;");
            lines.Add("    }");
            lines.Add(string.Empty);
        }

        lines.Add("}");
        return lines;
    }

    private static List<string> PythonFileLines(int index, bool changed)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"\"\"\"Order handling for warehouse {index}.\"\"\""),
            "import json",
            "import logging",
            "from dataclasses import dataclass",
            "from typing import Optional",
            string.Empty,
            "logger = logging.getLogger(__name__)",
            string.Empty,
            string.Empty,
            "@dataclass",
            string.Create(CultureInfo.InvariantCulture, $"class Order{index}:"),
            "    \"\"\"One order of the warehouse.\"\"\"",
            string.Empty,
            "    order_id: int",
            "    customer_name: str",
            "    total: float = 0.0",
            string.Empty,
        };
        for (var function = 0; function < 8; function++)
        {
            var added = changed && function is 2 or 5;
            lines.Add(string.Empty);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"def handle_step_{function}(order: Order{index}, names: dict[int, str]) -> Optional[int]:"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"    \"\"\"Handles step {function} of the order flow.\"\"\""));
            lines.Add("    total = 0");
            lines.Add("    for key, value in names.items():");
            lines.Add("        if key > order.order_id:");
            lines.Add("            total += len(value)");
            if (added)
            {
                lines.Add("    # increment the total");
                lines.Add("    total += 1");
                lines.Add("    orderLabel = order.customer_name.strip()");
                if (function == 5 && index % 10 == 0)
                {
                    lines.Add("    sql = f\"SELECT * FROM orders WHERE customer = '{orderLabel}'\"");
                    lines.Add("    cursor.execute(sql)");
                }
                else
                {
                    lines.Add("    message = f\"Order {order.order_id} for {orderLabel}\"");
                }

                lines.Add("    names[order.order_id] = orderLabel");
            }

            lines.Add("    logger.debug(json.dumps({\"total\": total}))");
            lines.Add("    return total");
        }

        return lines;
    }

    private static void AppendFileDiff(StringBuilder diff, string path, List<string> oldLines, List<string> newLines)
    {
        diff.Append("diff --git a/").Append(path).Append(" b/").Append(path).Append('\n');
        diff.Append("index 1111111..2222222 100644\n");
        diff.Append("--- a/").Append(path).Append('\n');
        diff.Append("+++ b/").Append(path).Append('\n');

        // One hunk per inserted block: the new file is the old one with blocks inserted.
        var oldIndex = 0;
        var newIndex = 0;
        while (newIndex < newLines.Count)
        {
            if (oldIndex < oldLines.Count && oldLines[oldIndex] == newLines[newIndex])
            {
                oldIndex++;
                newIndex++;
                continue;
            }

            var insertStart = newIndex;
            while (newIndex < newLines.Count && (oldIndex >= oldLines.Count || oldLines[oldIndex] != newLines[newIndex] || newLines[newIndex].Contains("order_label", StringComparison.Ordinal) || newLines[newIndex].Contains("orderLabel", StringComparison.Ordinal)))
            {
                newIndex++;
            }

            var inserted = newIndex - insertStart;
            var contextBefore = Math.Min(3, oldIndex);
            var contextAfter = Math.Min(3, oldLines.Count - oldIndex);
            diff.Append(CultureInfo.InvariantCulture, $"@@ -{oldIndex - contextBefore + 1},{contextBefore + contextAfter} +{insertStart - contextBefore + 1},{contextBefore + inserted + contextAfter} @@\n");
            for (var line = oldIndex - contextBefore; line < oldIndex; line++)
            {
                diff.Append(' ').Append(oldLines[line]).Append('\n');
            }

            for (var line = insertStart; line < newIndex; line++)
            {
                diff.Append('+').Append(newLines[line]).Append('\n');
            }

            for (var line = oldIndex; line < oldIndex + contextAfter; line++)
            {
                diff.Append(' ').Append(oldLines[line]).Append('\n');
            }

            oldIndex += contextAfter;
            newIndex += contextAfter;
        }
    }
}
