namespace A2Q.Client.Tests.Telemetry;

/// <summary>
/// Reads the spans out of an OTLP ExportTraceServiceRequest (protobuf) just far enough for the tests:
/// service.name of each resource, and trace id and name of each span. Field numbers from
/// opentelemetry/proto/collector/trace/v1 and trace/v1: request.resource_spans = 1; ResourceSpans.resource = 1,
/// .scope_spans = 2; Resource.attributes = 1 (KeyValue key = 1, value = 2, AnyValue.string_value = 1);
/// ScopeSpans.spans = 2; Span.trace_id = 1, .name = 5.
/// </summary>
internal static class OtlpSpanReader
{
    public static IEnumerable<(string Service, string TraceId, string Name)> Spans(byte[] request)
    {
        foreach (var resourceSpans in Fields(request, 1))
        {
            string service = "";
            foreach (var resource in Fields(resourceSpans, 1))
            {
                foreach (var attribute in Fields(resource, 1))
                {
                    string key = Text(Fields(attribute, 1).FirstOrDefault());
                    if (key == "service.name")
                    {
                        service = Text(Fields(Fields(attribute, 2).First(), 1).FirstOrDefault());
                    }
                }
            }

            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                foreach (var span in Fields(scopeSpans, 2))
                {
                    yield return (service, Convert.ToHexString(Fields(span, 1).First()).ToLowerInvariant(), Text(Fields(span, 5).FirstOrDefault()));
                }
            }
        }
    }

    private static string Text(byte[]? bytes) => bytes is null ? "" : System.Text.Encoding.UTF8.GetString(bytes);

    /// <summary>The length-delimited values of field <paramref name="number"/> in one message.</summary>
    private static IEnumerable<byte[]> Fields(byte[] message, int number)
    {
        int position = 0;
        var found = new List<byte[]>();
        while (position < message.Length)
        {
            ulong key = Varint(message, ref position);
            int field = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0:
                    Varint(message, ref position);
                    break;
                case 1:
                    position += 8;
                    break;
                case 5:
                    position += 4;
                    break;
                case 2:
                    int length = (int)Varint(message, ref position);
                    if (field == number)
                    {
                        found.Add(message.AsSpan(position, length).ToArray());
                    }

                    position += length;
                    break;
                default:
                    throw new FormatException($"unsupported protobuf wire type {wire} at byte {position}");
            }
        }

        return found;
    }

    private static ulong Varint(byte[] data, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
