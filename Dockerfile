# tcpswarm in a container, for docker-compose.yml: `docker-compose build` then `docker-compose up --scale silo=3`.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/TcpSwarm.Cli -c Release -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app .
COPY load ./load
# 9464: the Prometheus scrape endpoint (--metrics-port); 11111 and 30000: Orleans' silo and gateway ports.
EXPOSE 9464 11111 30000
ENTRYPOINT ["dotnet", "tcpswarm.dll"]
