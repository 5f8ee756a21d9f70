namespace A2Q.Grains.Abstractions;

/// <summary>A silo in the membership table: who it is, where, how many runs it takes at once, when last seen.</summary>
public sealed record SiloInfo(string Id, string Host, int Slots, DateTimeOffset StartedAt, DateTimeOffset LastSeen);
