namespace PrReviewBot.Engine.Languages.Python.Rules;

/// <summary>Where a definition's signature ends and what its body holds, read from the tokens.</summary>
internal static class DefinitionShapes
{
    /// <summary>The line of the <c>:</c> that ends the <c>def</c> or <c>class</c> header (a multi-line signature spans several lines).</summary>
    public static int SignatureEndLine(PythonModule module, PythonDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(definition);
        var tokens = module.Tokens;
        var index = module.Tokenization.FirstTokenFrom(definition.Line);
        if (index == tokens.Count)
        {
            return definition.Line;
        }

        for (; index < tokens.Count && tokens[index].Start.Line <= definition.EndLine; index++)
        {
            if (tokens[index].BracketDepth == 0 && tokens[index].IsOp(":"))
            {
                return tokens[index].Start.Line;
            }
        }

        return definition.Line;
    }

    /// <summary>The first line of each statement of the body, the docstring left out; empty for a body written on the header's line.</summary>
    public static List<int> BodyStatementLines(PythonModule module, PythonDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(definition);
        var signatureEnd = SignatureEndLine(module, definition);
        var docstring = definition.Docstring;
        var indentation = module.Tokenization.Indentation;
        var lines = new List<int>();

        // The lines are in order: start at the first one after the signature rather than reading the whole file for each definition.
        for (var index = FirstAfter(indentation, signatureEnd); index < indentation.Count && indentation[index].Line <= definition.EndLine; index++)
        {
            var line = indentation[index].Line;
            if (docstring is null || line < docstring.Line || line > docstring.EndLine)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    /// <summary>The index of the first logical line after <paramref name="line"/>.</summary>
    private static int FirstAfter(IReadOnlyList<PythonLineIndentation> indentation, int line)
    {
        int low = 0, high = indentation.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (indentation[middle].Line > line)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>
    /// A body with nothing to explain: <c>pass</c>, <c>...</c>, <c>return self._name</c>, <c>raise NotImplementedError</c>,
    /// or, for a class, only <c>pass</c> / <c>...</c> (an exception or marker class whose name says it all).
    /// </summary>
    public static bool IsTrivial(PythonRuleContext context, PythonDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(definition);
        var statements = BodyStatementLines(context.Module, definition);
        if (statements.Count == 0)
        {
            // `def f(): return 1` on one line, or a body the model could not see.
            return true;
        }

        var texts = statements.Select(line => context.LineText(line).Trim()).ToList();
        if (definition.Kind == PythonDefinitionKind.Class)
        {
            return texts.All(text => text is "pass" or "...");
        }

        if (texts.Count != 1)
        {
            return false;
        }

        var text = texts[0];
        return text is "pass" or "..." or "return" or "return None" or "return True" or "return False"
            || text.StartsWith("raise NotImplementedError", StringComparison.Ordinal)
            || (text.StartsWith("return ", StringComparison.Ordinal) && IsPlainReference(text["return ".Length..].Trim()));
    }

    /// <summary><c>self._name</c>, <c>name</c>, <c>self.config.timeout</c>: a value read, not computed.</summary>
    private static bool IsPlainReference(string expression) =>
        expression.Length > 0 && (char.IsLetter(expression[0]) || expression[0] == '_')
        && expression.All(character => char.IsLetterOrDigit(character) || character is '_' or '.');
}
