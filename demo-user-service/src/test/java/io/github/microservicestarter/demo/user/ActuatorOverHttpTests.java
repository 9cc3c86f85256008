package io.github.microservicestarter.demo.user;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Kubernetes and a person debugging a deployment read over HTTP: the liveness and readiness
 * probes, the gRPC server in the health, and {@code /actuator/grpc}.
 */
class ActuatorOverHttpTests extends RunningUserServiceOverHttp {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void livenessAndReadinessProbesAreUp() throws Exception {
		assertThat(get("/actuator/health/liveness").path("status").asText()).isEqualTo("UP");
		assertThat(get("/actuator/health/readiness").path("status").asText()).isEqualTo("UP");
	}

	@Test
	void healthShowsTheGrpcServerWithItsPortAndServices() throws Exception {
		JsonNode server = get("/actuator/health").path("components").path("grpcServer");
		assertThat(server.path("status").asText()).isEqualTo("UP");
		assertThat(server.path("details").path("port").asInt()).isEqualTo(this.port);
		assertThat(server.path("details").path("services").toString()).contains("\"user.UserService\"");
	}

	@Test
	void grpcEndpointListsUserServiceMethodsWithTheirStreamingKind() throws Exception {
		JsonNode grpc = get("/actuator/grpc");
		assertThat(grpc.path("appId").asText()).isEqualTo("user-service");
		assertThat(grpc.path("protocol").asText()).isEqualTo("grpc");
		assertThat(grpc.path("port").asInt()).isEqualTo(this.port);
		JsonNode userService = null;
		for (JsonNode service : grpc.path("services")) {
			if (service.path("name").asText().equals("user.UserService")) {
				userService = service;
			}
		}
		assertThat(userService).isNotNull();
		assertThat(userService.path("methods").toString()).contains("{\"name\":\"GetUser\",\"type\":\"UNARY\"}",
				"{\"name\":\"StreamUsers\",\"type\":\"SERVER_STREAMING\"}",
				"{\"name\":\"CreateUserStream\",\"type\":\"CLIENT_STREAMING\"}",
				"{\"name\":\"BidirectionalStream\",\"type\":\"BIDI_STREAMING\"}");
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.httpPort + path))
					.timeout(Duration.ofSeconds(10))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
		return new ObjectMapper().readTree(response.body());
	}

}
