using A2Q.Quant.Autograd;
using A2Q.Quant.Nn;
using A2Q.Quant.Nn.Conv;
using A2Q.Quant.Tensors;
using Xunit;

namespace A2Q.Quant.Tests.Nn;

public class ModuleTests
{
    [Fact]
    public void ParametersListOwnParametersFirstThenEachChildDepthFirst()
    {
        // Registration interleaves children and parameters; as in PyTorch's named_parameters, a module's own
        // parameters come before its children's.
        var root = Tree();

        Assert.Equal(
            ["root.first", "root.second", "a.first", "a.second", "a.x.first", "a.x.second", "b.first", "b.second"],
            root.Parameters().Select(p => p.Name));
    }

    [Fact]
    public void LayersListTheirParametersInTheSameOrder()
    {
        Assert.Equal(["gcn.bias", "gcn.lin.weight"], new GcnConv("gcn", 2, 3).Parameters().Select(p => p.Name));
        Assert.Equal(
            ["mlp.0.weight", "mlp.0.bias", "mlp.1.weight", "mlp.1.bias"],
            new Mlp("mlp", [2, 3, 4], reluAfterLast: false).Parameters().Select(p => p.Name));
    }

    [Fact]
    public void EvalAndTrainReachEveryModuleOfTheSubtree()
    {
        var root = Tree();
        var all = Subtree(root).ToList();
        Assert.Equal(4, all.Count);
        Assert.All(all, m => Assert.True(m.Training));

        root.Eval();
        Assert.All(all, m => Assert.False(m.Training));

        root.Train();
        Assert.All(all, m => Assert.True(m.Training));
    }

    [Fact]
    public void EvalOnAChildLeavesItsParentAndSiblingsTraining()
    {
        var root = Tree();
        var a = root.Children[0];

        a.Eval();

        Assert.True(root.Training);
        Assert.False(a.Training);
        Assert.False(a.Children[0].Training);
        Assert.True(root.Children[1].Training);
    }

    [Fact]
    public void ResetParametersIsDeterministicForASeed()
    {
        var first = Tree();
        var second = Tree();

        first.ResetParameters(new SeededRandom(5));
        second.ResetParameters(new SeededRandom(5));
        var values = Values(first);

        Assert.Equal(values, Values(second));
        Assert.Contains(values, v => v != 0f);

        second.ResetParameters(new SeededRandom(6));
        Assert.NotEqual(values, Values(second));

        second.ResetParameters(new SeededRandom(5));
        Assert.Equal(values, Values(second));
    }

    [Fact]
    public void ZeroGradClearsEveryParametersGradient()
    {
        var root = Tree();
        foreach (var p in root.Parameters())
        {
            p.Gradient.Span.Fill(3f);
        }

        root.ZeroGrad();

        Assert.All(root.Parameters(), p => Assert.All(p.Gradient.ToArray(), g => Assert.Equal(0f, g)));
    }

    /// <summary>root(a(a.x), b): each node registers a child (if any) between its two parameters.</summary>
    private static TestModule Tree() =>
        new("root", new TestModule("a", new TestModule("a.x")), new TestModule("b"));

    private static IEnumerable<TestModule> Subtree(TestModule module) =>
        module.Children.SelectMany(Subtree).Prepend(module);

    private static float[] Values(Module module) => module.Parameters().SelectMany(p => p.Value.ToArray()).ToArray();

    private sealed class TestModule : Module
    {
        private readonly Parameter first;
        private readonly Parameter second;

        public TestModule(string name, params TestModule[] children)
        {
            if (children.Length > 0)
            {
                AddModule(children[0]);
            }

            first = AddParameter(new Parameter($"{name}.first", ParameterRole.Weight, new Tensor(1, 2)));
            foreach (var child in children.Skip(1))
            {
                AddModule(child);
            }

            second = AddParameter(new Parameter($"{name}.second", ParameterRole.Bias, new Tensor(1, 3)));
            Children = children;
        }

        public IReadOnlyList<TestModule> Children { get; }

        protected override void ResetOwnParameters(SeededRandom random)
        {
            Init.Uniform(first.Value, -1f, 1f, random);
            Init.Uniform(second.Value, -1f, 1f, random);
        }
    }
}
