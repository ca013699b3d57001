package dev.weft.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.ShopFixture.Counted;
import dev.weft.testing.NodeServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A {@link ShopFixture} with a Node gateway script of {@code src/test/js} in front of it (started with Weft's url and
 * the manager's key), for the gateway ITs: {@link #query} resets the gateway's call counters, then posts to the
 * gateway's url (the first of its READY line); {@link #calls} reads the counters.
 *
 * <pre>{@code
 * GatewayFixture gateway = GatewayFixture.start(dir, "stitching-gateway.mjs", MODULES,
 *         ready -> ready.get(0).replace("/graphql", "/calls"));
 * Counted partner = gateway.query(PARTNER_KEY, "{ reviews { id } }");
 * assertThat(gateway.calls()).isEqualTo(Map.of("weft", 1, "reviews", 1));
 * }</pre>
 */
final class GatewayFixture implements AutoCloseable {
    final ShopFixture shop;
    final NodeServer gateway;
    final String url;
    private final String callsUrl;

    private GatewayFixture(ShopFixture shop, NodeServer gateway, String callsUrl) {
        this.shop = shop;
        this.gateway = gateway;
        this.url = gateway.ready().get(0);
        this.callsUrl = callsUrl;
    }

    /** {@code callsUrl}: the counters' url, from the script's READY line. */
    static GatewayFixture start(Path dir, String script, List<String> modules,
            Function<List<String>, String> callsUrl) throws Exception {
        ShopFixture shop = ShopFixture.start(dir, "", true);
        try {
            NodeServer gateway = NodeServer.start(script, modules, shop.weft.url(), ShopFixture.MANAGER_KEY);
            return new GatewayFixture(shop, gateway, callsUrl.apply(gateway.ready()));
        } catch (Exception | Error e) {
            shop.close();
            throw e;
        }
    }

    Counted query(String apiKey, String query) throws Exception {
        calls(); // resets the gateway's counters
        return shop.post(url, apiKey, query);
    }

    /** The gateway's raw counters since the last call. */
    JsonNode counters() throws Exception {
        return ShopFixture.get(callsUrl);
    }

    /** The calls the gateway made to Weft and to the reviews server since the last call. */
    Map<String, Integer> calls() throws Exception {
        JsonNode calls = counters();
        return Map.of("weft", calls.get("weft").asInt(), "reviews", calls.get("reviews").asInt());
    }

    /** The name of each review's {@code field} (product or author), "null" when it is null. */
    static List<String> names(JsonNode response, String field) {
        return response.at("/data/reviews").valueStream()
                .map(review -> review.get(field).isNull() ? "null" : review.get(field).get("name").asString())
                .toList();
    }

    static void assertNoErrors(Counted counted) {
        assertThat(counted.response().has("errors")).as(counted.response().toString()).isFalse();
    }

    @Override
    public void close() throws Exception {
        try {
            gateway.close();
        } finally {
            shop.close();
        }
    }
}
