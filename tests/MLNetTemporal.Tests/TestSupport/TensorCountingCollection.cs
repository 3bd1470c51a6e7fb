using Xunit;

namespace MLNetTemporal.Tests.TestSupport;

/// <summary>Tests that count live tensors (a process-wide number) run alone, with no other test class beside them.</summary>
[CollectionDefinition(nameof(TensorCountingCollection), DisableParallelization = true)]
public sealed class TensorCountingCollection;
