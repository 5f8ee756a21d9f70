using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Text;

namespace A2Q.Quant.Data.Pickle;

/// <summary>
/// A small pickle virtual machine for exactly what the Planetoid <c>ind.*</c> files hold: protocol-2 pickles
/// (written by Python 2's cPickle) of scipy csr matrices, numpy arrays and a <c>defaultdict(list)</c>.
/// It never runs code: the few globals it accepts (<see cref="KnownGlobal"/>) are interpreted by hand, and
/// any other opcode or global is an error naming the file, the byte offset and what was found.
/// The <c>data.pkl</c> of a <c>torch.save</c> archive is the same protocol-2 pickle plus persistent ids for tensor
/// storages and a few torch globals, accepted only when <see cref="TorchArchive"/> reads it.
/// </summary>
/// <remarks>
/// Values on the stack: <see cref="long"/> (int), <see cref="double"/>, <see cref="bool"/>, <c>null</c> (None),
/// <see cref="PickleString"/> (str/bytes), <see cref="string"/> (unicode), <see cref="PickleTuple"/>,
/// <see cref="List{T}"/> of object?, <see cref="Dictionary{TKey, TValue}"/> of object → object? (dict and
/// defaultdict), <see cref="KnownGlobal"/>, <see cref="NumpyDtype"/>, <see cref="NumpyArray"/>,
/// <see cref="ScipyCsrMatrix"/>.
/// </remarks>
internal sealed class PickleReader
{
    private static readonly FrozenDictionary<string, KnownGlobal> AllowedGlobals = new Dictionary<string, KnownGlobal>
    {
        ["scipy.sparse.csr csr_matrix"] = KnownGlobal.CsrMatrix,
        ["numpy.core.multiarray _reconstruct"] = KnownGlobal.Reconstruct,
        ["numpy ndarray"] = KnownGlobal.NdArray,
        ["numpy dtype"] = KnownGlobal.Dtype,
        ["collections defaultdict"] = KnownGlobal.DefaultDict,
        ["__builtin__ list"] = KnownGlobal.List,
    }.ToFrozenDictionary();

    /// <summary>Accepted only when reading the pickle inside a torch archive (a persistent-id loader is given).</summary>
    private static readonly FrozenDictionary<string, KnownGlobal> TorchGlobals = new Dictionary<string, KnownGlobal>
    {
        ["torch._utils _rebuild_tensor_v2"] = KnownGlobal.RebuildTensor,
        ["torch FloatStorage"] = KnownGlobal.FloatStorage,
        ["torch DoubleStorage"] = KnownGlobal.DoubleStorage,
        ["torch LongStorage"] = KnownGlobal.LongStorage,
        ["torch IntStorage"] = KnownGlobal.IntStorage,
        ["collections OrderedDict"] = KnownGlobal.OrderedDict,
    }.ToFrozenDictionary();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] bytes;
    private readonly string source;
    private readonly Func<PickleTuple, object>? persistentLoad;
    private readonly List<object?> stack = [];
    private readonly List<int> marks = [];
    private readonly Dictionary<uint, object?> memo = [];
    private int position;
    private int opcodeStart;

    private PickleReader(byte[] bytes, string source, Func<PickleTuple, object>? persistentLoad)
    {
        this.bytes = bytes;
        this.source = source;
        this.persistentLoad = persistentLoad;
    }

    /// <summary>Reads and unpickles one file; a missing file is a <see cref="DatasetFormatException"/> too.</summary>
    public static object? ReadFile(string path)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatasetFormatException(path, "the file is missing", e);
        }

        return Read(content, path);
    }

    /// <summary>Unpickles <paramref name="content"/>; <paramref name="source"/> names it in error messages.</summary>
    /// <param name="persistentLoad">
    /// Resolves BINPERSID ids, as <c>Unpickler.persistent_load</c> does; only <see cref="TorchArchive"/> passes one,
    /// and only then are torch's globals accepted.
    /// </param>
    public static object? Read(byte[] content, string source, Func<PickleTuple, object>? persistentLoad = null) =>
        new PickleReader(content, source, persistentLoad).Run();

    /// <summary>A Python-flavoured description of a value, for error messages.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        long l => $"int {l}",
        double d => $"float {d}",
        PickleString s when s.Length <= 40 => $"str '{s}'",
        PickleString s => $"a str of {s.Length} bytes",
        string s => $"unicode '{s}'",
        PickleTuple t => $"a tuple of {t.Count}",
        List<object?> list => $"a list of {list.Count}",
        Dictionary<object, object?> dict => $"a dict of {dict.Count}",
        KnownGlobal g => $"the global {g}",
        NumpyDtype d => $"numpy dtype {d.Name}",
        NumpyArray a => $"a numpy array of shape {a.ShapeText}",
        ScipyCsrMatrix => "a scipy csr_matrix",
        TorchStorage storage => $"a torch {storage.TypeName} of {storage.ElementCount} elements",
        TorchTensor tensor => $"a torch tensor of shape {tensor.ShapeText}",
        _ => value.GetType().Name,
    };

    private static string OpcodeName(byte code) =>
        Enum.IsDefined(typeof(PickleOpcode), code) ? PythonName((PickleOpcode)code) : "not a pickle opcode";

    /// <summary>The names pickletools prints, so messages can be matched against <c>pickletools.dis</c>.</summary>
    private static string PythonName(PickleOpcode opcode) => opcode switch
    {
        PickleOpcode.PopMark => "POP_MARK",
        PickleOpcode.BinInt => "BININT",
        PickleOpcode.BinInt1 => "BININT1",
        PickleOpcode.BinInt2 => "BININT2",
        PickleOpcode.PersId => "PERSID",
        PickleOpcode.BinPersId => "BINPERSID",
        PickleOpcode.BinString => "BINSTRING",
        PickleOpcode.ShortBinString => "SHORT_BINSTRING",
        PickleOpcode.BinUnicode => "BINUNICODE",
        PickleOpcode.EmptyDict => "EMPTY_DICT",
        PickleOpcode.BinGet => "BINGET",
        PickleOpcode.LongBinGet => "LONG_BINGET",
        PickleOpcode.EmptyList => "EMPTY_LIST",
        PickleOpcode.BinPut => "BINPUT",
        PickleOpcode.LongBinPut => "LONG_BINPUT",
        PickleOpcode.SetItem => "SETITEM",
        PickleOpcode.EmptyTuple => "EMPTY_TUPLE",
        PickleOpcode.SetItems => "SETITEMS",
        PickleOpcode.BinFloat => "BINFLOAT",
        PickleOpcode.NewObj => "NEWOBJ",
        PickleOpcode.NewTrue => "NEWTRUE",
        PickleOpcode.NewFalse => "NEWFALSE",
        PickleOpcode.BinBytes => "BINBYTES",
        PickleOpcode.ShortBinBytes => "SHORT_BINBYTES",
        PickleOpcode.ShortBinUnicode => "SHORT_BINUNICODE",
        PickleOpcode.BinUnicode8 => "BINUNICODE8",
        PickleOpcode.BinBytes8 => "BINBYTES8",
        PickleOpcode.EmptySet => "EMPTY_SET",
        PickleOpcode.AddItems => "ADDITEMS",
        PickleOpcode.FrozenSet => "FROZENSET",
        PickleOpcode.NewObjEx => "NEWOBJ_EX",
        PickleOpcode.StackGlobal => "STACK_GLOBAL",
        PickleOpcode.ByteArray8 => "BYTEARRAY8",
        PickleOpcode.NextBuffer => "NEXT_BUFFER",
        PickleOpcode.ReadonlyBuffer => "READONLY_BUFFER",
        _ => opcode.ToString().ToUpperInvariant(),
    };

    private object? Run()
    {
        while (true)
        {
            if (position >= bytes.Length)
            {
                throw Fail($"truncated: the file ends at byte {bytes.Length} before the STOP opcode");
            }

            opcodeStart = position;
            byte code = bytes[position++];
            switch ((PickleOpcode)code)
            {
                case PickleOpcode.Proto:
                    int protocol = ReadByte();
                    if (protocol is < 2 or > 3)
                    {
                        throw Fail($"pickle protocol {protocol} at byte {opcodeStart}; only protocols 2 and 3 are supported");
                    }

                    break;
                case PickleOpcode.Global:
                    Push(ResolveGlobal());
                    break;
                case PickleOpcode.BinPut:
                    memo[ReadByte()] = Peek();
                    break;
                case PickleOpcode.LongBinPut:
                    memo[ReadUInt32()] = Peek();
                    break;
                case PickleOpcode.BinGet:
                    Push(Recall(ReadByte()));
                    break;
                case PickleOpcode.LongBinGet:
                    Push(Recall(ReadUInt32()));
                    break;
                case PickleOpcode.Mark:
                    marks.Add(stack.Count);
                    break;
                case PickleOpcode.EmptyTuple:
                    Push(new PickleTuple([]));
                    break;
                case PickleOpcode.Tuple1:
                    Push(new PickleTuple(PopMany(1)));
                    break;
                case PickleOpcode.Tuple2:
                    Push(new PickleTuple(PopMany(2)));
                    break;
                case PickleOpcode.Tuple3:
                    Push(new PickleTuple(PopMany(3)));
                    break;
                case PickleOpcode.Tuple:
                    Push(new PickleTuple(PopToMark()));
                    break;
                case PickleOpcode.EmptyDict:
                    Push(new Dictionary<object, object?>());
                    break;
                case PickleOpcode.EmptyList:
                    Push(new List<object?>());
                    break;
                case PickleOpcode.Append:
                    object? item = Pop();
                    PeekList().Add(item);
                    break;
                case PickleOpcode.Appends:
                    object?[] items = PopToMark();
                    PeekList().AddRange(items);
                    break;
                case PickleOpcode.SetItem:
                    object? value = Pop();
                    object? key = Pop();
                    SetItem(PeekDictionary(), key, value);
                    break;
                case PickleOpcode.SetItems:
                    SetItems();
                    break;
                case PickleOpcode.BinInt:
                    Push((long)BinaryPrimitives.ReadInt32LittleEndian(Read(4)));
                    break;
                case PickleOpcode.BinInt1:
                    Push((long)ReadByte());
                    break;
                case PickleOpcode.BinInt2:
                    Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Read(2)));
                    break;
                case PickleOpcode.Long1:
                    Push(ReadLong1());
                    break;
                case PickleOpcode.BinFloat:
                    Push(BinaryPrimitives.ReadDoubleBigEndian(Read(8)));
                    break;
                case PickleOpcode.None:
                    Push(null);
                    break;
                case PickleOpcode.NewTrue:
                    Push(true);
                    break;
                case PickleOpcode.NewFalse:
                    Push(false);
                    break;
                case PickleOpcode.ShortBinString:
                case PickleOpcode.ShortBinBytes:
                    Push(new PickleString(ReadMemory(ReadByte())));
                    break;
                case PickleOpcode.BinString:
                    int length = BinaryPrimitives.ReadInt32LittleEndian(Read(4));
                    if (length < 0)
                    {
                        throw Fail($"BINSTRING at byte {opcodeStart} has negative length {length}");
                    }

                    Push(new PickleString(ReadMemory(length)));
                    break;
                case PickleOpcode.BinBytes:
                    Push(new PickleString(ReadMemory(ReadUInt32())));
                    break;
                case PickleOpcode.ShortBinUnicode:
                    Push(DecodeUtf8(Read(ReadByte())));
                    break;
                case PickleOpcode.BinUnicode:
                    Push(DecodeUtf8(Read(ReadUInt32())));
                    break;
                case PickleOpcode.Reduce:
                    object? arguments = Pop();
                    Push(Call(Pop(), arguments));
                    break;
                case PickleOpcode.NewObj:
                    object? constructorArguments = Pop();
                    Push(NewObject(Pop(), constructorArguments));
                    break;
                case PickleOpcode.Build:
                    object? state = Pop();
                    Build(Peek(), state);
                    break;
                case PickleOpcode.BinPersId:
                    Push(LoadPersistent(Pop()));
                    break;
                case PickleOpcode.Stop:
                    return Pop();
                default:
                    throw Fail($"unexpected pickle opcode 0x{code:X2} ({OpcodeName(code)}) at byte {opcodeStart}; "
                        + "this reader only understands the protocol-2 opcodes that numpy/scipy pickles use");
            }
        }
    }

    private KnownGlobal ResolveGlobal()
    {
        string module = ReadLine();
        string name = ReadLine();
        if (AllowedGlobals.TryGetValue($"{module} {name}", out var known)
            || (persistentLoad is not null && TorchGlobals.TryGetValue($"{module} {name}", out known)))
        {
            return known;
        }

        var allowed = persistentLoad is null ? AllowedGlobals.Keys : AllowedGlobals.Keys.Concat(TorchGlobals.Keys);
        throw Fail($"unexpected global '{module}.{name}' at byte {opcodeStart}; only "
            + string.Join(", ", allowed.Select(k => k.Replace(' ', '.'))) + " are allowed");
    }

    private object LoadPersistent(object? id)
    {
        if (persistentLoad is null)
        {
            throw Fail($"BINPERSID at byte {opcodeStart}: persistent ids only occur in torch archives, not in a plain pickle");
        }

        return id is PickleTuple tuple
            ? persistentLoad(tuple)
            : throw Fail($"BINPERSID at byte {opcodeStart} has the id {Describe(id)}, expected a tuple");
    }

    private object Call(object? callable, object? arguments)
    {
        if (callable is not KnownGlobal global)
        {
            throw Fail($"REDUCE at byte {opcodeStart} calls {Describe(callable)}, which is not callable");
        }

        if (arguments is not PickleTuple args)
        {
            throw Fail($"REDUCE at byte {opcodeStart} has arguments {Describe(arguments)}, expected a tuple");
        }

        switch (global)
        {
            case KnownGlobal.Reconstruct when args.Count == 3 && args[0] is KnownGlobal.NdArray:
                return new NumpyArray(source);
            case KnownGlobal.Dtype when args.Count == 3 && args[0] is PickleString code:
                return NumpyDtype.TryCreate(source, code.ToString())
                    ?? throw Fail($"wrong dtype: numpy dtype '{code}' at byte {opcodeStart}; only i4, i8, f4 and f8 are supported");
            case KnownGlobal.DefaultDict when args.Count == 0 || (args.Count == 1 && args[0] is KnownGlobal.List):
            case KnownGlobal.OrderedDict when args.Count == 0:
                return new Dictionary<object, object?>();
            case KnownGlobal.RebuildTensor when args.Count is 6 or 7 && args[0] is TorchStorage storage:
                return TorchTensor.Rebuild(storage, args, opcodeStart);
            default:
                throw Fail($"REDUCE at byte {opcodeStart} calls {global} with ({string.Join(", ", args.Items.Select(Describe))}), "
                    + "which is not how numpy, scipy, torch or defaultdict pickle themselves");
        }
    }

    private ScipyCsrMatrix NewObject(object? type, object? arguments)
    {
        if (type is KnownGlobal.CsrMatrix && arguments is PickleTuple { Count: 0 })
        {
            return new ScipyCsrMatrix(source);
        }

        throw Fail($"NEWOBJ at byte {opcodeStart} creates {Describe(type)} from {Describe(arguments)}; only csr_matrix() is supported");
    }

    private void Build(object? target, object? state)
    {
        switch (target)
        {
            case NumpyDtype dtype when state is PickleTuple tuple:
                dtype.SetState(tuple, opcodeStart);
                break;
            case NumpyArray array when state is PickleTuple tuple:
                array.SetState(tuple, opcodeStart);
                break;
            case ScipyCsrMatrix matrix when state is Dictionary<object, object?> dict:
                matrix.SetState(dict, opcodeStart);
                break;
            default:
                throw Fail($"BUILD at byte {opcodeStart} applies {Describe(state)} to {Describe(target)}, which this reader cannot do");
        }
    }

    private void SetItems()
    {
        object?[] pairs = PopToMark();
        if (pairs.Length % 2 != 0)
        {
            throw Fail($"SETITEMS at byte {opcodeStart} has an odd number ({pairs.Length}) of keys and values");
        }

        var dict = PeekDictionary();
        for (int i = 0; i < pairs.Length; i += 2)
        {
            SetItem(dict, pairs[i], pairs[i + 1]);
        }
    }

    private void SetItem(Dictionary<object, object?> dict, object? key, object? value)
    {
        if (key is not (long or double or bool or string or PickleString))
        {
            throw Fail($"{PythonName((PickleOpcode)bytes[opcodeStart])} at byte {opcodeStart} uses {Describe(key)} as a dict key; only ints and strings are supported");
        }

        dict[key] = value;
    }

    private long ReadLong1()
    {
        int length = ReadByte();
        if (length > 8)
        {
            throw Fail($"LONG1 at byte {opcodeStart} holds a {length}-byte integer; at most 8 bytes are supported");
        }

        var digits = Read(length);
        long value = 0;
        for (int i = length - 1; i >= 0; i--)
        {
            value = (value << 8) | digits[i];
        }

        // Two's complement: sign-extend from the top bit of the last byte.
        if (length is > 0 and < 8 && (digits[length - 1] & 0x80) != 0)
        {
            value -= 1L << (8 * length);
        }

        return value;
    }

    private string DecodeUtf8(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new DatasetFormatException(source, $"the unicode string at byte {opcodeStart} is not valid UTF-8", e);
        }
    }

    private string ReadLine()
    {
        int end = Array.IndexOf(bytes, (byte)'\n', position);
        if (end < 0)
        {
            throw Truncated();
        }

        string line = Encoding.ASCII.GetString(bytes, position, end - position);
        position = end + 1;
        return line;
    }

    private byte ReadByte() => Read(1)[0];

    private uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Read(4));

    private ReadOnlySpan<byte> Read(long count) => ReadMemory(count).Span;

    private ReadOnlyMemory<byte> ReadMemory(long count)
    {
        if (count > bytes.Length - position)
        {
            throw Truncated();
        }

        var slice = new ReadOnlyMemory<byte>(bytes, position, (int)count);
        position += (int)count;
        return slice;
    }

    private DatasetFormatException Truncated() =>
        Fail($"truncated: the file ends at byte {bytes.Length} inside opcode {OpcodeName(bytes[opcodeStart])} that starts at byte {opcodeStart}");

    private object? Recall(uint memoIndex) =>
        memo.TryGetValue(memoIndex, out object? value)
            ? value
            : throw Fail($"{OpcodeName(bytes[opcodeStart])} at byte {opcodeStart} recalls memo entry {memoIndex}, which was never stored");

    private void Push(object? value) => stack.Add(value);

    private object? Peek() =>
        stack.Count > 0 && (marks.Count == 0 || marks[^1] < stack.Count)
            ? stack[^1]
            : throw StackUnderflow();

    private object? Pop()
    {
        object? top = Peek();
        stack.RemoveAt(stack.Count - 1);
        return top;
    }

    private object?[] PopMany(int count)
    {
        int floor = marks.Count > 0 ? marks[^1] : 0;
        if (stack.Count - floor < count)
        {
            throw StackUnderflow();
        }

        var items = stack.GetRange(stack.Count - count, count).ToArray();
        stack.RemoveRange(stack.Count - count, count);
        return items;
    }

    private object?[] PopToMark()
    {
        if (marks.Count == 0)
        {
            throw Fail($"{OpcodeName(bytes[opcodeStart])} at byte {opcodeStart} has no matching MARK");
        }

        int mark = marks[^1];
        marks.RemoveAt(marks.Count - 1);
        var items = stack.GetRange(mark, stack.Count - mark).ToArray();
        stack.RemoveRange(mark, stack.Count - mark);
        return items;
    }

    private List<object?> PeekList() =>
        Peek() as List<object?> ?? throw Fail($"{OpcodeName(bytes[opcodeStart])} at byte {opcodeStart} appends to {Describe(Peek())}, not a list");

    private Dictionary<object, object?> PeekDictionary() =>
        Peek() as Dictionary<object, object?> ?? throw Fail($"{OpcodeName(bytes[opcodeStart])} at byte {opcodeStart} sets an item on {Describe(Peek())}, not a dict");

    private DatasetFormatException StackUnderflow() =>
        Fail($"{OpcodeName(bytes[opcodeStart])} at byte {opcodeStart} needs more values than the stack holds");

    private DatasetFormatException Fail(string problem) => new(source, problem);
}
