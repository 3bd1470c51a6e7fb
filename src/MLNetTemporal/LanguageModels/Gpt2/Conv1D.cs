using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetTemporal.LanguageModels.Gpt2;

/// <summary>GPT-2's linear layer with its weight stored [in, out] (transposed against nn.Linear), as in its checkpoints.</summary>
public sealed class Conv1D : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    public Conv1D(string name, long inFeatures, long outFeatures) : base(name)
    {
        weight = nn.Parameter(empty(inFeatures, outFeatures));
        bias = nn.Parameter(zeros(outFeatures));
        RegisterComponents();
    }

    public Parameter Weight => weight;

    public override Tensor forward(Tensor x) => addmm(bias, x.reshape(-1, x.shape[^1]), weight, 1, 1).view([.. x.shape[..^1], weight.shape[1]]);
}
