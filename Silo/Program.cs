using A2Q.Silo;

// Composition only: parse the command line, build the host, run it.
return await SiloHost.RunAsync(args);
