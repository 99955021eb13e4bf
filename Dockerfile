# syntax=docker/dockerfile:1
# shadowstep: build the same jar as `./mvnw package`, run it on a JRE as a non-root user.
# Permalinks live in the /data volume.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN --mount=type=cache,target=/cache/m2 ./mvnw -B -q -Dmaven.repo.local=/cache/m2 dependency:go-offline
COPY src/ src/
COPY frontend/ frontend/
RUN --mount=type=cache,target=/cache/m2 ./mvnw -B -q -Dmaven.repo.local=/cache/m2 -DskipTests package \
 && cp target/shadowstep.jar app.jar \
 && java -Djarmode=tools -jar app.jar extract --layers --destination /layers

FROM eclipse-temurin:25-jre
RUN groupadd --system app \
 && useradd --system --gid app --no-create-home app \
 && mkdir -p /data && chown app:app /data
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# Java 25 AOT cache, trained by the same JVM that runs it; the training run exits after refresh.
RUN SPRING_DATASOURCE_URL='jdbc:sqlite::memory:' \
    java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar app.jar
USER app
ENV SHADOWSTEP_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-XX:MaxRAMPercentage=75", "-jar", "app.jar"]
