# Weft's container image. Build from the repository root (no Docker needed to build the jar beforehand):
#
#   docker build -t weft .
#   docker run --rm -p 8080:8080 weft                                   # the embedded demo
#   docker run --rm -p 8080:8080 -v "$PWD/my-config:/config:ro" weft \
#       --spring.config.additional-location=file:/config/weft.yml      # your databases
#
# Stage 1 builds the jar with the Maven wrapper and splits it into layers with Spring Boot's jarmode tools;
# stage 2 copies the layers, least often changed first, so a rebuild after a code change only replaces the
# small application layer. The image runs as the non-root user "weft" and listens on 0.0.0.0:8080.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY relationships.yml ./
COPY src/main/ src/main/
RUN ./mvnw -B -q -DskipTests package
RUN java -Djarmode=tools -jar target/weft.jar extract --layers --destination target/extracted

FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 weft \
    && useradd --system --uid 10001 --gid weft --home-dir /app --no-create-home --shell /usr/sbin/nologin weft
WORKDIR /app
COPY --from=build /build/target/extracted/dependencies/ ./
COPY --from=build /build/target/extracted/spring-boot-loader/ ./
COPY --from=build /build/target/extracted/snapshot-dependencies/ ./
COPY --from=build /build/target/extracted/application/ ./
USER 10001:10001
ENV SERVER_ADDRESS=0.0.0.0 \
    SERVER_PORT=8080
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "weft.jar"]
