namespace A2Q.Client.Tests.Commands;

/// <summary>Shipped graph-level recipes shrunk to seconds (one narrow layer, large batches, two epochs), as entries of a <c>graphRecipes:</c> list.</summary>
internal static class TinyGraphRecipes
{
    public const string ZincGcnFp32 = """
          - dataset: ZINC
            model: GCN
            method: FP32
            epochs: 2
            batchSize: 1024
            layers: 1
            hidden: 8
            learningRate: 0.001
            schedule: {kind: Plateau, factor: 0.5, patience: 10}
            nodeInput: NodeTypes
            embeddingTypes: 28
            reluAfterLayer: true
            residual: true
            loss: L1
        """;
}
