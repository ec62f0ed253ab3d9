# An api node (api/Realtime.Api). Build from the repository root:
#   docker build -f deploy/api.Dockerfile -t realtime-api .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The viewer page bundles the SignalR browser client from npm during the build.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish api/Realtime.Api/Realtime.Api.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Realtime.Api.dll"]
