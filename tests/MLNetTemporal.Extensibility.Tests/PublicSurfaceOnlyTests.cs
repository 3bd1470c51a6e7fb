using System.Runtime.CompilerServices;
using FluentAssertions;
using MLNetTemporal.LanguageModels;
using Xunit;

namespace MLNetTemporal.Extensibility.Tests;

/// <summary>What this assembly shows holds only if it sees the library as any user's assembly does.</summary>
public sealed class PublicSurfaceOnlyTests
{
    [Fact]
    public void The_library_grants_this_assembly_no_internals()
    {
        var granted = typeof(LanguageModel).Assembly.GetCustomAttributes(typeof(InternalsVisibleToAttribute), false)
            .Cast<InternalsVisibleToAttribute>().Select(a => a.AssemblyName.Split(',')[0]);
        granted.Should().NotContain(typeof(PublicSurfaceOnlyTests).Assembly.GetName().Name);
    }
}
