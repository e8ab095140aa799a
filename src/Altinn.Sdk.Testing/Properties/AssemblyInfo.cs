using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Altinn.Sdk.Testing.Tests")]
