namespace A2Q.Grains.Results.Parquet;

/// <summary>The 4-bit type ids of the Thrift compact protocol, as used in field headers and list headers.</summary>
internal enum ThriftCompactType : byte
{
    BooleanTrue = 1,
    BooleanFalse = 2,
    I8 = 3,
    I16 = 4,
    I32 = 5,
    I64 = 6,
    Double = 7,
    Binary = 8,
    List = 9,
    Set = 10,
    Map = 11,
    Struct = 12,
}
