using FluentAssertions;
using MLNetTemporal.Data;
using Xunit;

namespace MLNetTemporal.Tests.Data;

public sealed class HeldOutSplitTests
{
    [Fact]
    public void Every_tenth_row_of_the_group_is_held_out_in_the_order_given()
    {
        var (train, heldOut) = HeldOutSplit.Split([.. Enumerable.Range(0, 25)]);

        heldOut.Should().Equal(9, 19);
        train.Should().Equal(Enumerable.Range(0, 25).Where(i => i is not (9 or 19)));
    }

    [Fact]
    public void A_small_group_holds_out_its_last_row_and_a_single_row_is_kept_for_training()
    {
        var (train, heldOut) = HeldOutSplit.Split(["a", "b", "c"]);
        train.Should().Equal("a", "b");
        heldOut.Should().Equal("c");
        HeldOutSplit.Split(["a"]).HeldOut.Should().BeEmpty();
        HeldOutSplit.Split(Array.Empty<string>()).Train.Should().BeEmpty();
    }
}
