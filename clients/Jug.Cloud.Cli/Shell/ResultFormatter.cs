using System.Collections;
using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace Jug.Cloud.Cli.Shell;

/// <summary>How the shell prints a value: C# literals for strings and characters, lists and dictionaries by their items.</summary>
internal static class ResultFormatter
{
    private const int MaxItems = 50;

    public static string Format(object? value) => value switch
    {
        null => "null",
        string text => SymbolDisplay.FormatLiteral(text, quote: true),
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        bool b => b ? "true" : "false",
        IFormattable formattable when value.GetType().IsPrimitive || value is decimal => formattable.ToString(null, CultureInfo.InvariantCulture),
        IDictionary dictionary => "{ " + string.Join(", ", Items(Entries(dictionary), dictionary.Count, e => $"{Format(e.Key)}: {Format(e.Value)}")) + " }",
        IEnumerable sequence => "[" + string.Join(", ", Items(sequence.Cast<object?>(), (sequence as ICollection)?.Count, Format)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    // A generic dictionary enumerates KeyValuePairs; its IDictionaryEnumerator gives DictionaryEntry.
    private static IEnumerable<DictionaryEntry> Entries(IDictionary dictionary)
    {
        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext())
        {
            yield return entries.Entry;
        }
    }

    private static IEnumerable<string> Items<T>(IEnumerable<T> items, int? count, Func<T, string> format)
    {
        var shown = 0;
        foreach (var item in items)
        {
            if (shown++ == MaxItems)
            {
                yield return count is { } n ? $"… {n - MaxItems} more" : "…";
                yield break;
            }

            yield return format(item);
        }
    }
}
