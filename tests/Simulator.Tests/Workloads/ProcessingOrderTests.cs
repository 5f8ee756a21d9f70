using A2Q.Simulator.Workloads;
using Xunit;

namespace A2Q.Simulator.Tests.Workloads;

public sealed class ProcessingOrderTests
{
    [Fact]
    public void DescendingInDegreeKeepsIdOrderAmongTies()
    {
        Assert.Equal([1, 2, 0, 4, 3], ProcessingOrder.ByDescendingInDegree([1, 3, 3, 0, 1]));
    }

    [Fact]
    public void WorkloadRejectsAnOrderThatIsNotAPermutation()
    {
        var phase = new CombinationPhase("xw", [1, 1, 1], 1, 1, 1);
        var error = Assert.Throws<ArgumentException>(() => new Workload("w", [phase], [0, 0, 2]));
        Assert.Contains("permutation", error.Message);
    }
}
