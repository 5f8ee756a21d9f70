using System.Text;
using A2Q.Quant.Data;
using A2Q.Quant.Data.Pickle;
using Xunit;

namespace A2Q.Quant.Tests.Data.Pickle;

public class PickleReaderTests
{
    private const string Source = "test.pickle";

    // --- well-formed input -----------------------------------------------------------------------------------

    [Fact]
    public void ReadsTheTinyFeatureMatrixAsACsrMatrix()
    {
        var root = PickleReader.ReadFile(PlanetoidFixtures.TinyFile("allx"));

        var matrix = Assert.IsType<ScipyCsrMatrix>(root).ToSparseMatrix();
        Assert.Equal((6, 5), (matrix.Rows, matrix.Columns));
        Assert.Equal([0, 2, 5, 6, 6, 8, 9], matrix.Pattern.RowPointers);
        Assert.Equal([0, 3, 1, 2, 4, 2, 0, 1, 4], matrix.Pattern.ColumnIndices);
        Assert.Equal([1f, 1f, 2f, 0.5f, 1.5f, 1f, 0.25f, 0.25f, 3f], matrix.Values);
    }

    [Fact]
    public void ReadsTheTinyLabelsAsAnInt32Array()
    {
        var array = Assert.IsType<NumpyArray>(PickleReader.ReadFile(PlanetoidFixtures.TinyFile("y")));

        Assert.Equal([2, 3], array.Shape);
        Assert.Equal("int32", array.Dtype!.Name);
        Assert.Equal('<', array.Dtype.ByteOrder);
        Assert.Equal([1, 0, 0, 0, 1, 0], array.ToInt32Array("y"));
    }

    [Fact]
    public void ReadsTheTinyGraphAsADictOfLists()
    {
        var dict = Assert.IsType<Dictionary<object, object?>>(PickleReader.ReadFile(PlanetoidFixtures.TinyFile("graph")));

        Assert.Equal([0L, 1L, 2L, 3L, 4L, 5L, 6L, 8L, 9L], dict.Keys.Cast<long>());
        Assert.Equal([1L, 1L, 2L], Assert.IsType<List<object?>>(dict[0L]).Cast<long>());
        Assert.Equal([0L], Assert.IsType<List<object?>>(dict[2L]).Cast<long>());
    }

    [Fact]
    public void SortsUnsortedRowsAndSumsDuplicateColumnsButKeepsExplicitZeros()
    {
        var root = PickleReader.ReadFile(PlanetoidFixtures.SingleFile("unsorted-duplicate-columns.pickle"));

        var matrix = Assert.IsType<ScipyCsrMatrix>(root).ToSparseMatrix();
        Assert.Equal([0, 2, 4], matrix.Pattern.RowPointers);
        Assert.Equal([0, 2, 1, 3], matrix.Pattern.ColumnIndices);
        Assert.Equal([0.5f, 3f, 0f, 4f], matrix.Values);
    }

    [Fact]
    public void ReadsTheScalarOpcodesNumpyAndScipyCouldEmit()
    {
        // (LONG1 -2, LONG1 65535, LONG1 0, BINFLOAT 1.5, NONE, NEWTRUE, NEWFALSE, SHORT_BINUNICODE, BINUNICODE,
        //  SHORT_BINBYTES, BINBYTES, BININT -7, BININT2 513, EMPTY_TUPLE)
        byte[] pickle = Bytes(
            "\u0080\u0002(",
            "\u008a\u0001\u00fe",
            "\u008a\u0003\u00ff\u00ff\u0000",
            "\u008a\u0000",
            "G\u003f\u00f8\u0000\u0000\u0000\u0000\u0000\u0000",
            "N\u0088\u0089",
            "\u008c\u0002hi",
            "X\u0002\u0000\u0000\u0000\u00c3\u00a9",
            "C\u0002ab",
            "B\u0001\u0000\u0000\u0000c",
            "J\u00f9\u00ff\u00ff\u00ff",
            "M\u0001\u0002",
            ")t.");

        var tuple = Assert.IsType<PickleTuple>(PickleReader.Read(pickle, Source));

        Assert.Equal(-2L, tuple[0]);
        Assert.Equal(65535L, tuple[1]);
        Assert.Equal(0L, tuple[2]);
        Assert.Equal(1.5, tuple[3]);
        Assert.Null(tuple[4]);
        Assert.Equal(true, tuple[5]);
        Assert.Equal(false, tuple[6]);
        Assert.Equal("hi", tuple[7]);
        Assert.Equal("\u00e9", tuple[8]);
        Assert.Equal("ab", Assert.IsType<PickleString>(tuple[9]).ToString());
        Assert.Equal("c", Assert.IsType<PickleString>(tuple[10]).ToString());
        Assert.Equal(-7L, tuple[11]);
        Assert.Equal(513L, tuple[12]);
        Assert.Empty(Assert.IsType<PickleTuple>(tuple[13]).Items);
    }

    [Fact]
    public void LongMemoOpcodesStoreAndRecallTheSameObject()
    {
        // EMPTY_LIST LONG_BINPUT 300, K 5 APPEND, LONG_BINGET 300, TUPLE2: both tuple slots are the one list.
        byte[] pickle = Bytes("\u0080\u0002]r\u002c\u0001\u0000\u0000K\u0005aj\u002c\u0001\u0000\u0000\u0086.");

        var tuple = Assert.IsType<PickleTuple>(PickleReader.Read(pickle, Source));

        Assert.Same(tuple[0], tuple[1]);
        Assert.Equal([5L], Assert.IsType<List<object?>>(tuple[0]).Cast<long>());
    }

    [Fact]
    public void SetItemAndSetItemsFillADict()
    {
        byte[] pickle = Bytes("\u0080\u0002}U\u0001aK\u0001s(K\u0002U\u0001bK\u0003U\u0001cu.");

        var dict = Assert.IsType<Dictionary<object, object?>>(PickleReader.Read(pickle, Source));

        Assert.Equal(1L, dict[PickleString.FromAscii("a")]);
        Assert.Equal("b", dict[2L]!.ToString());
        Assert.Equal("c", dict[3L]!.ToString());
    }

    // --- every real upstream pickle ----------------------------------------------------------------------------

    [Theory]
    [InlineData("ind.cora.x", 140, 1433)]
    [InlineData("ind.cora.tx", 1000, 1433)]
    [InlineData("ind.cora.allx", 1708, 1433)]
    [InlineData("ind.citeseer.x", 120, 3703)]
    [InlineData("ind.citeseer.tx", 1000, 3703)]
    [InlineData("ind.citeseer.allx", 2312, 3703)]
    [InlineData("ind.pubmed.x", 60, 500)]
    [InlineData("ind.pubmed.tx", 1000, 500)]
    public void ReadsEveryRealFeatureFileWithItsDocumentedShape(string fileName, int rows, int columns)
    {
        var matrix = Assert.IsType<ScipyCsrMatrix>(PickleReader.ReadFile(RealPlanetoidData.RequireFile(fileName))).ToSparseMatrix();

        Assert.Equal((rows, columns), (matrix.Rows, matrix.Columns));
    }

    [Theory]
    [InlineData("ind.cora.y", 140, 7)]
    [InlineData("ind.cora.ty", 1000, 7)]
    [InlineData("ind.cora.ally", 1708, 7)]
    [InlineData("ind.citeseer.y", 120, 6)]
    [InlineData("ind.citeseer.ty", 1000, 6)]
    [InlineData("ind.citeseer.ally", 2312, 6)]
    [InlineData("ind.pubmed.y", 60, 3)]
    [InlineData("ind.pubmed.ty", 1000, 3)]
    [InlineData("ind.pubmed.ally", 18717, 3)]
    public void ReadsEveryRealLabelFileWithItsDocumentedShape(string fileName, int rows, int classes)
    {
        var array = Assert.IsType<NumpyArray>(PickleReader.ReadFile(RealPlanetoidData.RequireFile(fileName)));

        Assert.Equal([rows, classes], array.Shape);
        Assert.All(array.ToInt32Array(fileName).Chunk(classes), row => Assert.Equal(1, row.Sum()));
    }

    [Theory]
    [InlineData("ind.cora.graph", 2708)]
    [InlineData("ind.citeseer.graph", 3327)]
    [InlineData("ind.pubmed.graph", 19717)]
    public void ReadsEveryRealGraphWithOneEntryPerNode(string fileName, int nodeCount)
    {
        var dict = Assert.IsType<Dictionary<object, object?>>(PickleReader.ReadFile(RealPlanetoidData.RequireFile(fileName)));

        Assert.Equal(Enumerable.Range(0, nodeCount).Select(i => (long)i), dict.Keys.Cast<long>().Order());
    }

    // --- bad input: one clear message naming the file -----------------------------------------------------------

    [Fact]
    public void AMissingFileIsNamed()
    {
        string path = Path.Combine(PlanetoidFixtures.Directory, "ind.tiny.nothing");

        var error = Assert.Throws<DatasetFormatException>(() => PickleReader.ReadFile(path));

        Assert.Equal(path, error.FilePath);
        Assert.Equal($"{path}: the file is missing", error.Message);
    }

    [Fact]
    public void TruncationInsideAnOpcodeNamesTheOpcodeAndWhereTheFileEnds()
    {
        // Offsets from `python3 -m pickletools ind.cora.x`: the indices array is a BINSTRING at byte 845.
        byte[] content = File.ReadAllBytes(RealPlanetoidData.RequireFile("ind.cora.x"));

        var error = Assert.Throws<DatasetFormatException>(() => PickleReader.Read(content[..5000], "ind.cora.x"));

        Assert.Equal("ind.cora.x: truncated: the file ends at byte 5000 inside opcode BINSTRING that starts at byte 845", error.Message);
    }

    [Fact]
    public void TruncationInsideAGlobalLineIsReported()
    {
        byte[] content = File.ReadAllBytes(PlanetoidFixtures.TinyFile("y"));

        var error = Assert.Throws<DatasetFormatException>(() => PickleReader.Read(content[..20], Source));

        Assert.Equal($"{Source}: truncated: the file ends at byte 20 inside opcode GLOBAL that starts at byte 2", error.Message);
    }

    [Fact]
    public void AFileWithoutStopIsTruncated()
    {
        var error = Assert.Throws<DatasetFormatException>(() => PickleReader.Read(Bytes("\u0080\u0002K\u0001"), Source));

        Assert.Equal($"{Source}: truncated: the file ends at byte 4 before the STOP opcode", error.Message);
    }

    [Fact]
    public void EveryPrefixOfAGoodFileFailsAsTruncated()
    {
        byte[] content = File.ReadAllBytes(PlanetoidFixtures.TinyFile("allx"));

        for (int length = 0; length < content.Length; length++)
        {
            var error = Assert.Throws<DatasetFormatException>(() => PickleReader.Read(content[..length], "ind.tiny.allx"));
            Assert.StartsWith($"ind.tiny.allx: truncated: the file ends at byte {length} ", error.Message);
        }
    }

    [Fact]
    public void AnUnsupportedOpcodeIsNamedWithItsByteValueAndOffset()
    {
        var error = Assert.Throws<DatasetFormatException>(() => PickleReader.Read(Bytes("\u0080\u0002L1L\n."), Source));

        Assert.StartsWith($"{Source}: unexpected pickle opcode 0x4C (LONG) at byte 2;", error.Message);
    }

    [Fact]
    public void AByteThatIsNoOpcodeAtAllIsReported()
    {
        byte[] content = File.ReadAllBytes(PlanetoidFixtures.TinyFile("y"));
        content[57] = 0xFF; // BININT1 0, the _reconstruct shape argument

        var error = Assert.Throws<DatasetFormatException>(() => PickleReader.Read(content, Source));

        Assert.StartsWith($"{Source}: unexpected pickle opcode 0xFF (not a pickle opcode) at byte 57;", error.Message);
    }

    [Fact]
    public void AnUnknownGlobalIsRefusedBeforeAnythingRuns()
    {
        string path = PlanetoidFixtures.SingleFile("unexpected-global.pickle");

        var error = Assert.Throws<DatasetFormatException>(() => PickleReader.ReadFile(path));

        Assert.StartsWith($"{path}: unexpected global 'os.system' at byte 2; only scipy.sparse.csr.csr_matrix, ", error.Message);
    }

    [Fact]
    public void AnUnsupportedProtocolIsReported()
    {
        var error = Assert.Throws<DatasetFormatException>(() => PickleReader.Read(Bytes("\u0080\u0004K\u0001."), Source));

        Assert.Equal($"{Source}: pickle protocol 4 at byte 0; only protocols 2 and 3 are supported", error.Message);
    }

    [Fact]
    public void AnUnsupportedDtypeIsReported()
    {
        byte[] content = File.ReadAllBytes(PlanetoidFixtures.TinyFile("y"));
        Encoding.ASCII.GetBytes("U8").CopyTo(content, 92); // SHORT_BINSTRING 'i4' at 90

        var error = Assert.Throws<DatasetFormatException>(() => PickleReader.Read(content, Source));

        Assert.Equal($"{Source}: wrong dtype: numpy dtype 'U8' at byte 99; only i4, i8, f4 and f8 are supported", error.Message);
    }

    [Fact]
    public void AShapeThatDisagreesWithTheByteCountIsReported()
    {
        byte[] content = File.ReadAllBytes(PlanetoidFixtures.TinyFile("y"));
        content[71] = 4; // the array state's BININT1 2 (rows) becomes 4

        var error = Assert.Throws<DatasetFormatException>(() => PickleReader.Read(content, Source));

        Assert.Equal(
            $"{Source}: shape mismatch: the numpy array at byte 153 has shape (4, 3) of int32 (48 bytes) but holds 24 bytes of data",
            error.Message);
    }

    [Fact]
    public void ABigEndianDtypeIsRefused()
    {
        byte[] content = File.ReadAllBytes(PlanetoidFixtures.TinyFile("y"));
        content[107] = (byte)'>'; // SHORT_BINSTRING '<' at 105

        var error = Assert.Throws<DatasetFormatException>(() => PickleReader.Read(content, Source));

        Assert.Equal($"{Source}: the numpy dtype int32 at byte 124 has byte order '>'; only little-endian data is supported", error.Message);
    }

    [Fact]
    public void InvalidUtf8InAUnicodeStringIsReported()
    {
        var error = Assert.Throws<DatasetFormatException>(() => PickleReader.Read(Bytes("\u0080\u0002\u008c\u0001\u00ff."), Source));

        Assert.Equal($"{Source}: the unicode string at byte 2 is not valid UTF-8", error.Message);
    }

    [Fact]
    public void RecallingAMemoEntryNeverStoredIsReported()
    {
        var error = Assert.Throws<DatasetFormatException>(() => PickleReader.Read(Bytes("\u0080\u0002h\u0005."), Source));

        Assert.Equal($"{Source}: BINGET at byte 2 recalls memo entry 5, which was never stored", error.Message);
    }

    [Fact]
    public void ClosingATupleWithoutAMarkIsReported()
    {
        var error = Assert.Throws<DatasetFormatException>(() => PickleReader.Read(Bytes("\u0080\u0002K\u0001t."), Source));

        Assert.Equal($"{Source}: TUPLE at byte 4 has no matching MARK", error.Message);
    }

    [Fact]
    public void PoppingAnEmptyStackIsReported()
    {
        var error = Assert.Throws<DatasetFormatException>(() => PickleReader.Read(Bytes("\u0080\u0002\u0086."), Source));

        Assert.Equal($"{Source}: TUPLE2 at byte 2 needs more values than the stack holds", error.Message);
    }

    /// <summary>
    /// Latin-1 so each char of the literals is one byte, as in pickletools' output. The literals use \u00XX because
    /// C#'s \x escape swallows up to four hex digits ("\x02ab" is one character).
    /// </summary>
    private static byte[] Bytes(params string[] parts) => Encoding.Latin1.GetBytes(string.Concat(parts));
}
