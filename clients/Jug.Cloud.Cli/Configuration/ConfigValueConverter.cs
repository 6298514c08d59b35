using System.Globalization;
using System.Text.Json;

namespace Jug.Cloud.Cli.Configuration;

/// <summary>
/// Turns a configured value into an option's value type: JSON values as they are (<c>4</c>,
/// <c>true</c>, <c>"memory:"</c>, <c>["a", "b"]</c>), and text (environment variables, or JSON strings
/// for non-string options) parsed as the command line would.
/// </summary>
internal static class ConfigValueConverter
{
    /// <exception cref="ConfigurationException">The value does not fit <paramref name="type"/>; the message names the source and the key.</exception>
    public static object? Convert(ConfigEntry entry, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            return entry.Json is { } json ? FromJson(json, target) : FromText(entry.Text!, target);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException or InvalidCastException or JsonException or ArgumentException)
        {
            throw new ConfigurationException($"{entry.Source}: '{entry.Key}' must be {Describe(target)}, not {entry.Display}.", e);
        }
    }

    private static object? FromJson(JsonElement json, Type type)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? throw new FormatException("null") : null;
        }

        if (json.ValueKind == JsonValueKind.String && type != typeof(string))
        {
            return FromText(json.GetString()!, type);
        }

        if (type.IsArray)
        {
            if (json.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("not an array");
            }

            var element = type.GetElementType()!;
            var items = json.EnumerateArray().Select(item => FromJson(item, element)).ToArray();
            var array = Array.CreateInstance(element, items.Length);
            Array.Copy(items, array, items.Length);
            return array;
        }

        return type switch
        {
            _ when type == typeof(string) => json.ValueKind == JsonValueKind.String ? json.GetString() : throw new FormatException("not a string"),
            _ when type == typeof(bool) => json.GetBoolean(),
            _ when type == typeof(int) => json.GetInt32(),
            _ when type == typeof(long) => json.GetInt64(),
            _ when type == typeof(double) => json.GetDouble(),
            _ => json.Deserialize(type),
        };
    }

    private static object? FromText(string text, Type type)
    {
        if (type == typeof(string))
        {
            return text;
        }

        if (type == typeof(bool))
        {
            return text.Trim().ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "on" => true,
                "false" or "0" or "no" or "off" or "" => false,
                _ => throw new FormatException(text),
            };
        }

        if (type.IsEnum)
        {
            return Enum.Parse(type, text.Trim().Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
        }

        if (type.IsArray)
        {
            // One variable holds one value; lists belong in a file.
            var array = Array.CreateInstance(type.GetElementType()!, 1);
            array.SetValue(FromText(text, type.GetElementType()!), 0);
            return array;
        }

        return System.Convert.ChangeType(text.Trim(), type, CultureInfo.InvariantCulture);
    }

    private static string Describe(Type type) =>
        type == typeof(bool) ? "true or false"
        : type == typeof(int) || type == typeof(long) ? "an integer"
        : type == typeof(double) ? "a number"
        : type == typeof(string) ? "a string"
        : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))
        : type.IsArray ? "a list"
        : "a " + type.Name;
}
