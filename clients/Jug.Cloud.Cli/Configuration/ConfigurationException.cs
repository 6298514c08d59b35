namespace Jug.Cloud.Cli.Configuration;

/// <summary>A configuration file or variable that cannot be used; the message names the file (or variable) and the key.</summary>
internal sealed class ConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
