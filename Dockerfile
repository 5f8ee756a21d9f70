# The image the Kubernetes manifests run: /app/client and /app/silo.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Client/Client.csproj -c Release -o /app/client-out && \
    dotnet publish Silo/Silo.csproj -c Release -o /app/silo-out

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app/client-out /app/
COPY --from=build /app/silo-out /app/
ENV A2Q_DATA_DIR=/data
ENTRYPOINT ["/app/client"]
