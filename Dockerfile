# Bidragskoll: build with Maven, run the Quarkus JVM application as a non-root user.
#   docker build -t bidragskoll .
#   docker run -p 8080:8080 -v "$PWD/rules:/deployments/rules:ro" bidragskoll
# The database is the embedded H2 file under /deployments/data unless BIDRAGSKOLL_DB_URL says
# otherwise. PostgreSQL needs the image built with the pg profile (several instances on one database:
# README, "Deployment", and deploy/kubernetes.yaml):
#   docker build --build-arg QUARKUS_PROFILE=pg -t bidragskoll:pg .
#   docker run -e BIDRAGSKOLL_DB_URL=jdbc:postgresql://db:5432/bidragskoll -e BIDRAGSKOLL_DB_USER=... \
#              -e BIDRAGSKOLL_DB_PASSWORD=... -e QUARKUS_PROFILE=pg bidragskoll:pg

FROM maven:3.9-eclipse-temurin-17 AS build
ARG QUARKUS_PROFILE=prod
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY rules rules
RUN mvn -B -q package -DskipTests -Dquarkus.profile=${QUARKUS_PROFILE}

FROM eclipse-temurin:17-jre
ENV LANG=C.UTF-8 \
    BIDRAGSKOLL_RULES_DIR=/deployments/rules \
    JAVA_OPTS="-Xmx2g"
RUN useradd --system --uid 185 --home-dir /deployments bidragskoll \
    && mkdir -p /deployments/data && chown -R 185 /deployments
WORKDIR /deployments
COPY --from=build --chown=185 /build/target/quarkus-app/ /deployments/
COPY --from=build --chown=185 /build/rules/ /deployments/rules/
USER 185
EXPOSE 8080
CMD ["sh", "-c", "exec java -XX:+ExitOnOutOfMemoryError $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
