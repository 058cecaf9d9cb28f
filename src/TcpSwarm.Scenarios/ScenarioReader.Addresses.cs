using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;
using YamlDotNet.RepresentationModel;

namespace TcpSwarm.Scenarios;

// A client group's addresses: one address or CIDR block, a list of them, or { from: A, count: N } (N exactly).
internal sealed partial class ScenarioReader
{
    private const string AddressForms =
        "an IPv4 address, a CIDR block such as 10.0.0.0/24, a list of them, or { from: 10.0.0.1, count: 2000 }";

    private AddressSet ReadClientAddresses(Fields f, string owner)
    {
        var fallback = (AddressSet)new AddressRange(0, 1);
        var node = f.Node("addresses");
        if (f.Override("addresses") is null && node is YamlSequenceNode list) return AddressList(list, f) ?? fallback;
        if (f.Override("addresses") is null && node is YamlMappingNode) return AddressCount(f) ?? fallback;
        if (f.Scalar("addresses", AddressForms) is null)
        {
            if (!f.InFile("addresses") && !f.Reported)
                Problem(f.At, f.Field("addresses"), $"missing; {owner} needs 'addresses', {AddressForms}");
            return fallback;
        }
        return TryRead(f, "addresses", Kinds.Addresses(MaxClientAddresses), out var range) ? range : fallback;
    }

    private AddressSet? AddressList(YamlSequenceNode list, Fields f)
    {
        var field = f.Field("addresses");
        if (list.Children.Count == 0)
        {
            Problem(SpotOf(list), field, $"an empty list has no address; use {AddressForms}");
            return null;
        }
        var kind = Kinds.Addresses(MaxClientAddresses);
        var ranges = new List<(AddressRange Range, YamlNode Node)>();
        long total = 0;
        bool ok = true;
        for (int i = 0; i < list.Children.Count; i++)
        {
            var item = list.Children[i];
            var itemField = $"{field}[{i}]";
            if (item is not YamlScalarNode scalar || IsNull(item))
            {
                Problem(SpotOf(item), itemField, $"expected {kind.Expected}, found {Describe(item)}");
                ok = false;
                continue;
            }
            if (!kind.TryParse(scalar.Value ?? "", out var range, out var error))
            {
                Problem(SpotOf(item), itemField, error);
                ok = false;
                continue;
            }
            var clash = ranges.FindIndex(r => r.Range.Contains(range.First) || range.Contains(r.Range.First));
            if (clash >= 0)
            {
                Problem(SpotOf(item), itemField,
                    $"{scalar.Value!.Trim()} repeats addresses of {field}[{clash}]; give each address once");
                ok = false;
                continue;
            }
            ranges.Add((range, item));
            total += range.Count;
            if (total > MaxClientAddresses)
            {
                Problem(SpotOf(item), itemField,
                    $"the list reaches {Kinds.N(total)} addresses here; a client group has at most "
                    + $"{Kinds.N(MaxClientAddresses)}");
                return null;
            }
        }
        return ok ? new AddressSet(Merged(ranges.Select(r => r.Range))) : null;
    }

    private AddressSet? AddressCount(Fields f)
    {
        var m = Sub(f, "addresses", "an address run", ["from", "count"]);
        bool ok = TryReadRequired(m, "from", Kinds.Address, "an address run", out var from);
        ok &= TryReadRequired(m, "count", Kinds.Int(1, MaxClientAddresses), "an address run", out var count);
        if (!ok) return null;
        if (from + (ulong)count - 1 > uint.MaxValue)
        {
            Problem(m.ValueAt("count"), m.Field("count"),
                $"{Kinds.N(count)} addresses from {Ipv4.Format(from)} pass 255.255.255.255; "
                + $"use at most {Kinds.N((long)uint.MaxValue - from + 1)}");
            return null;
        }
        return new AddressRange(from, count);
    }

    // Consecutive list items (10.0.0.1, 10.0.0.2, ...) become one run: the same hosts in the same order, fewer runs.
    private static List<AddressRange> Merged(IEnumerable<AddressRange> ranges)
    {
        var merged = new List<AddressRange>();
        foreach (var r in ranges)
        {
            if (merged.Count > 0 && merged[^1].Last != uint.MaxValue && merged[^1].Last + 1 == r.First)
                merged[^1] = new AddressRange(merged[^1].First, merged[^1].Count + r.Count);
            else
                merged.Add(r);
        }
        return merged;
    }
}
