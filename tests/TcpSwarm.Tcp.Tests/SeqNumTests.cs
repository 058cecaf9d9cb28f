using CsCheck;

namespace TcpSwarm.Tcp.Tests;

public sealed class SeqNumTests
{
    private static readonly Gen<uint> AnyU32 = Gen.UInt;
    private static readonly Gen<int> Step = Gen.Int[1, int.MaxValue];

    [Fact]
    public void A_number_is_after_every_number_less_than_half_the_space_behind_it_across_the_wrap()
    {
        Gen.Select(AnyU32, Step).Sample((v, d) =>
        {
            var a = new SeqNum(v);
            var b = a + d;
            return b > a && a < b && !(b < a) && b - a == d;
        });
    }

    [Fact]
    public void Adding_and_subtracting_wraps_modulo_two_to_the_32()
    {
        Assert.Equal(new SeqNum(4), new SeqNum(uint.MaxValue) + 5);
        Assert.Equal(new SeqNum(uint.MaxValue), new SeqNum(2) - 3);
        Assert.True(new SeqNum(4) > new SeqNum(uint.MaxValue));
        Gen.Select(AnyU32, Gen.Int).Sample((v, d) => (new SeqNum(v) + d) - d == new SeqNum(v));
    }

    [Fact]
    public void Comparison_is_antisymmetric_and_a_number_is_never_before_itself()
    {
        Gen.Select(AnyU32, AnyU32).Sample((x, y) =>
        {
            SeqNum a = new(x), b = new(y);
            if (a == b) return !(a < b) && !(a > b) && a <= b && a >= b;
            if (y - x == 0x8000_0000u) return a < b && b < a;     // the one ambiguous distance: both, by sign
            return (a < b) != (b < a);
        });
    }

    [Fact]
    public void InRange_is_half_open_and_works_across_the_wrap()
    {
        var low = new SeqNum(uint.MaxValue - 2);
        var high = low + 10;
        Assert.True(low.InRange(low, high));
        Assert.True((low + 9).InRange(low, high));
        Assert.False(high.InRange(low, high));
        Assert.False((low - 1).InRange(low, high));
    }
}
