using A2Q.Quant.Optim;
using Xunit;

namespace A2Q.Quant.Tests.Optim;

public class LearningRateSchedulerTests
{
    private static Adam Optimizer() => new([]);

    [Fact]
    public void StepScheduleHalvesEveryStepEpochsAsStepLr()
    {
        var adam = Optimizer();
        var schedule = new StepLearningRate(stepEpochs: 2, gamma: 0.5f);
        var scales = new List<float>();
        for (int epoch = 0; epoch < 6; epoch++)
        {
            schedule.Step(adam, double.NaN);
            scales.Add(adam.LearningRateScale);
        }

        // StepLR(step 2): the rate used in epochs 0,1 is 1; after epoch 1 it drops to 0.5, after epoch 3 to 0.25.
        Assert.Equal([1f, 0.5f, 0.5f, 0.25f, 0.25f, 0.125f], scales);
    }

    [Fact]
    public void PlateauWaitsPatienceEpochsAndNeedsARelativeImprovement()
    {
        var adam = Optimizer();
        var schedule = new ReduceLearningRateOnPlateau(factor: 0.5f, patience: 2, threshold: 0.1);
        // 1.0 is the best; 0.95 is not 10% better (bad 1), 0.92 (bad 2), 0.91 (bad 3 > patience: halve, reset);
        // 0.85 is 15% better than 1.0: new best; then three bad epochs halve again.
        double[] values = [1.0, 0.95, 0.92, 0.91, 0.85, 0.84, 0.80, 0.79];
        var scales = new List<float>();
        foreach (double v in values)
        {
            schedule.Step(adam, v);
            scales.Add(adam.LearningRateScale);
        }

        Assert.Equal([1f, 1f, 1f, 0.5f, 0.5f, 0.5f, 0.5f, 0.25f], scales);
    }

    [Fact]
    public void TheScaleMultipliesEveryGroupsLearningRate()
    {
        var p = new A2Q.Quant.Autograd.Parameter("p", A2Q.Quant.Autograd.ParameterRole.Weight, A2Q.Quant.Tensors.Tensor.FromArray(1, 1, [1f]));
        var q = new A2Q.Quant.Autograd.Parameter("q", A2Q.Quant.Autograd.ParameterRole.Weight, A2Q.Quant.Tensors.Tensor.FromArray(1, 1, [1f]));
        var full = new Adam([new ParameterGroup("g", [p], 0.1f)]);
        var halved = new Adam([new ParameterGroup("g", [q], 0.1f)]) { LearningRateScale = 0.5f };
        p.Gradient.Span[0] = 1f;
        q.Gradient.Span[0] = 1f;
        full.Step();
        halved.Step();

        // Adam's first step moves by lr·sign(g) (up to ε): 0.1 and 0.05.
        Assert.Equal(1f - 0.1f, p.Value.Span[0], 5);
        Assert.Equal(1f - 0.05f, q.Value.Span[0], 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => full.LearningRateScale = 0f);
    }
}
