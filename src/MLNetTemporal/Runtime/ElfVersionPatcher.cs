using System.Buffers.Binary;
using System.Text;

namespace MLNetTemporal.Runtime;

/// <summary>
/// Edits the version-needed table (<c>.gnu.version_r</c>) of an ELF64 little-endian shared object.
/// Marking a needed version weak (<c>VER_FLG_WEAK</c>) lets the dynamic loader accept a library whose
/// dependency lacks that version; it is safe only when no relocation binds a symbol to that version.
/// </summary>
public static class ElfVersionPatcher
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>One needed version: the library that must provide it, its name and its flags.</summary>
    public readonly record struct NeededVersion(string File, string Name, ushort Flags, long FlagsOffset);

    /// <summary>Lists every needed version of an ELF image.</summary>
    public static IReadOnlyList<NeededVersion> ReadNeededVersions(ReadOnlySpan<byte> elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only 64-bit little-endian ELF files are supported");

        long shoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(elf[0x28..]);
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3a..]);
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3c..]);
        var result = new List<NeededVersion>();
        for (int i = 0; i < shnum; i++)
        {
            var sh = Slice(elf, shoff + (long)i * shentsize, shentsize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]) != ShtGnuVerneed) continue;
            long offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(sh[0x18..]);
            int link = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh[0x28..]);
            uint count = BinaryPrimitives.ReadUInt32LittleEndian(sh[0x2c..]);
            var strtab = Slice(elf, shoff + (long)link * shentsize, shentsize);
            long strOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(strtab[0x18..]);

            long entry = offset;
            for (uint n = 0; n < count; n++)
            {
                var vn = Slice(elf, entry, 16);
                ushort auxCount = BinaryPrimitives.ReadUInt16LittleEndian(vn[2..]);
                string file = ReadString(elf, strOffset + BinaryPrimitives.ReadUInt32LittleEndian(vn[4..]));
                long aux = entry + BinaryPrimitives.ReadUInt32LittleEndian(vn[8..]);
                for (int a = 0; a < auxCount; a++)
                {
                    var vna = Slice(elf, aux, 16);
                    string name = ReadString(elf, strOffset + BinaryPrimitives.ReadUInt32LittleEndian(vna[8..]));
                    result.Add(new NeededVersion(file, name, BinaryPrimitives.ReadUInt16LittleEndian(vna[4..]), aux + 4));
                    aux += BinaryPrimitives.ReadUInt32LittleEndian(vna[12..]);
                }
                uint next = BinaryPrimitives.ReadUInt32LittleEndian(vn[12..]);
                if (next == 0) break;
                entry += next;
            }
        }
        return result;
    }

    /// <summary>Marks the named needed versions weak in place; returns how many entries changed.</summary>
    public static int MarkWeak(Span<byte> elf, IReadOnlySet<string> versionNames)
    {
        int changed = 0;
        foreach (var needed in ReadNeededVersions(elf))
        {
            if (!versionNames.Contains(needed.Name) || (needed.Flags & VerFlagWeak) != 0) continue;
            BinaryPrimitives.WriteUInt16LittleEndian(elf[(int)needed.FlagsOffset..], (ushort)(needed.Flags | VerFlagWeak));
            changed++;
        }
        return changed;
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> elf, long offset, int length)
    {
        if (offset < 0 || offset + length > elf.Length)
            throw new InvalidDataException($"ELF structure at offset {offset} runs past the end of the file");
        return elf.Slice((int)offset, length);
    }

    private static string ReadString(ReadOnlySpan<byte> elf, long offset)
    {
        var rest = Slice(elf, offset, 1).Length == 1 ? elf[(int)offset..] : default;
        int end = rest.IndexOf((byte)0);
        if (end < 0) throw new InvalidDataException($"unterminated ELF string at offset {offset}");
        return Encoding.ASCII.GetString(rest[..end]);
    }
}
