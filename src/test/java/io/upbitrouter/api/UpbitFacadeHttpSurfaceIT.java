package io.upbitrouter.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.upbitrouter.sim.UpbitSimulator;
import io.upbitrouter.testsupport.ClosedPort;
import io.upbitrouter.testsupport.HttpAnswers;
import io.upbitrouter.testsupport.RunningModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded server's answers a client must be able to parse: every refusal is Upbit's error JSON with a
 * fitting status, and only the query string carries Upbit parameters. Against the simulator, through the module.
 */
class UpbitFacadeHttpSurfaceIT {

    private static UpbitSimulator sim;
    private static RunningModule module;

    @BeforeAll
    static void start() throws Exception {
        sim = UpbitSimulator.builder().markets(List.of("KRW-BTC", "KRW-ETH")).seed(5).tradesPerSecond(0).build().start();
        module = new RunningModule(sim, Map.of("upbit.ws.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        module.close();
        sim.stop();
    }

    @Test
    void should_answer_an_unknown_path_with_404_json() {
        HttpResponse<String> answer = module.http().get("/v1/nothing-here?markets=KRW-BTC");

        assertEquals(404, answer.statusCode(), answer.body());
        assertUpbitError(answer, "not_found");
        assertFalse(answer.body().contains("<h1>"), answer.body());
    }

    @Test
    void should_answer_other_methods_with_405_json_and_allow_get() throws Exception {
        for (String method : List.of("POST", "DELETE", "PUT")) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(module.baseUrl() + "/v1/ticker?markets=KRW-BTC"))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")));

            assertEquals(405, answer.statusCode(), method + ": " + answer.body());
            assertEquals("GET", answer.headers().firstValue("Allow").orElse(""), method);
            assertUpbitError(answer, "method_not_allowed");
        }
    }

    @Test
    void should_refuse_over_long_request_lines_and_headers_with_414_and_431() throws Exception {
        String line = rawExchange("GET /v1/ticker?markets=" + "KRW-BTC,".repeat(600) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        // Vert.x refuses these before any handler runs (an empty body, then it closes): see src/main/docs/facade.md
        assertTrue(line.matches("(?s)HTTP/1\\.[01] 414 .*"), line);

        String headers = rawExchange("GET /v1/ticker?markets=KRW-BTC HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: "
                + "x".repeat(9000) + "\r\n\r\n");
        assertTrue(headers.matches("(?s)HTTP/1\\.[01] 431 .*"), headers);
    }

    /** Sends raw HTTP/1.1 and reads the answer until the server closes the connection (or 10 s pass). */
    private static String rawExchange(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", Integer.parseInt(module.baseUrl().replaceAll(".*:", "")))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void should_take_parameters_from_the_query_string_only() {
        HttpResponse<String> headerOnly = module.http().get("/v1/ticker", Map.of("markets", "KRW-BTC"));
        assertEquals(400, headerOnly.statusCode(), headerOnly.body());
        assertTrue(HttpAnswers.json(headerOnly).at("/error/message").asText().startsWith("markets:"), headerOnly.body());

        HttpResponse<String> both = module.http().get("/v1/ticker?markets=KRW-BTC", Map.of("markets", "KRW-ETH"));
        assertEquals(200, both.statusCode(), both.body());
        JsonNode items = HttpAnswers.json(both);
        assertEquals(1, items.size(), both.body());
        assertEquals("KRW-BTC", items.get(0).path("market").asText());

        HttpResponse<String> unitHeader = module.http().get("/v1/candles/minutes/1?market=KRW-BTC&count=1", Map.of("unit", "7"));
        assertEquals(200, unitHeader.statusCode(), "the path's unit counts, not a header: " + unitHeader.body());
    }

    @Test
    void should_refuse_control_characters_and_repeated_parameters_naming_the_field() {
        for (String query : List.of("markets=KRW-BTC%00", "markets=KRW-BTC%0A", "markets=%09KRW-BTC", "markets=KRW-BTC%7F")) {
            HttpResponse<String> answer = module.http().get("/v1/ticker?" + query);
            assertEquals(400, answer.statusCode(), query + ": " + answer.body());
            String message = HttpAnswers.json(answer).at("/error/message").asText();
            assertTrue(message.startsWith("markets:") && message.contains("control character"), message);
        }
        HttpResponse<String> candle = module.http().get("/v1/candles/days?market=KRW-BTC%00&count=1");
        assertEquals(400, candle.statusCode(), candle.body());
        assertTrue(HttpAnswers.json(candle).at("/error/message").asText().startsWith("market:"), candle.body());

        HttpResponse<String> twice = module.http().get("/v1/ticker?markets=KRW-BTC&markets=KRW-ETH");
        assertEquals(400, twice.statusCode(), twice.body());
        assertTrue(HttpAnswers.json(twice).at("/error/message").asText().startsWith("markets:"), twice.body());
    }

    @Test
    void should_name_no_exception_host_or_port_when_the_exchange_is_unreachable() throws Exception {
        try (ClosedPort down = new ClosedPort();
             RunningModule unreachable = new RunningModule(sim, Map.of(
                     "upbit.rest.max-retries", "0", "upbit.ws.enabled", "false",
                     "upbit.rest.base-url", "http://127.0.0.1:" + down.port() + "/v1"))) {
            for (String path : List.of("/v1/ticker?markets=KRW-BTC", "/v1/market/all", "/v1/candles/days?market=KRW-BTC")) {
                HttpResponse<String> answer = unreachable.http().get(path);

                assertEquals(503, answer.statusCode(), path + ": " + answer.body());
                assertUpbitError(answer, "upstream_unavailable");
                String body = answer.body();
                assertFalse(body.contains("Exception") || body.contains("127.0.0.1") || body.contains(Integer.toString(down.port()))
                        || body.contains("org.apache") || body.contains("http://"), body);
            }
        }
    }

    @Test
    void should_ask_for_the_bearer_token_on_every_path_when_one_is_set() throws Exception {
        try (RunningModule guarded = new RunningModule(sim, Map.of("upbit.ws.enabled", "false",
                "upbit.http.auth-token", "s3cret-token"))) {
            for (String path : List.of("/v1/ticker?markets=KRW-BTC", "/observe/health", "/observe/metrics", "/v1/nothing")) {
                HttpResponse<String> none = guarded.http().get(path);
                assertEquals(401, none.statusCode(), path + ": " + none.body());
                assertUpbitError(none, "unauthorized");
                assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));

                HttpResponse<String> wrong = guarded.http().get(path, Map.of("Authorization", "Bearer s3cret-tokem"));
                assertEquals(401, wrong.statusCode(), path + ": " + wrong.body());
            }
            HttpResponse<String> right = guarded.http().get("/v1/ticker?markets=KRW-BTC",
                    Map.of("Authorization", "Bearer s3cret-token"));
            assertEquals(200, right.statusCode(), right.body());
            assertEquals(200, guarded.http().get("/observe/health/live", Map.of("Authorization", "bearer s3cret-token")).statusCode());
        }
        assertEquals(200, module.http().get("/v1/ticker?markets=KRW-BTC").statusCode(), "no token asked by default");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertUpbitError(HttpResponse<String> answer, String name) {
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "JSON content type: " + answer.headers().map());
        JsonNode error = HttpAnswers.json(answer).path("error");
        assertEquals(name, error.path("name").asText(), answer.body());
        assertFalse(error.path("message").asText().isBlank(), answer.body());
    }
}
