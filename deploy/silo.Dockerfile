# A standalone silo (silo/Realtime.Silo). Build from the repository root:
#   docker build -f deploy/silo.Dockerfile -t realtime-silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish silo/Realtime.Silo/Realtime.Silo.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Silo-to-silo and gateway ports (Orleans:SiloPort, Orleans:GatewayPort).
EXPOSE 11111 30000
ENTRYPOINT ["dotnet", "Realtime.Silo.dll"]
