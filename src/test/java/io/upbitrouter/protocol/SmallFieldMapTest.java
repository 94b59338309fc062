package io.upbitrouter.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The small field map behaves as the LinkedHashMap Jackson would use, under any sequence of changes. */
class SmallFieldMapTest {

    @Test
    void should_behave_as_a_linked_hash_map_under_random_changes() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            SmallFieldMap small = new SmallFieldMap(1 + random.nextInt(4));
            Map<String, JsonNode> linked = new LinkedHashMap<>();
            for (int op = 0; op < 40; op++) {
                String name = "f" + random.nextInt(10);
                JsonNode value = IntNode.valueOf(random.nextInt(5));
                switch (random.nextInt(6)) {
                    case 0, 1, 2 -> assertEquals(linked.put(name, value), small.put(name, value));
                    case 3 -> assertEquals(linked.remove(name), small.remove(name));
                    case 4 -> {
                        Iterator<Map.Entry<String, JsonNode>> a = linked.entrySet().iterator();
                        Iterator<Map.Entry<String, JsonNode>> b = small.entrySet().iterator();
                        while (a.hasNext()) {
                            Map.Entry<String, JsonNode> x = a.next();
                            Map.Entry<String, JsonNode> y = b.next();
                            assertEquals(x, y);
                            if (x.getKey().equals(name)) {
                                a.remove();
                                b.remove();
                            }
                        }
                    }
                    default -> {
                        for (Map.Entry<String, JsonNode> e : small.entrySet()) {
                            if (e.getKey().equals(name)) {
                                e.setValue(value);
                            }
                        }
                        linked.computeIfPresent(name, (k, v) -> value);
                    }
                }
                assertEquals(new ArrayList<>(linked.entrySet()), new ArrayList<>(small.entrySet()));
                assertEquals(linked, small);
                assertEquals(small, linked);
                assertEquals(linked.hashCode(), small.hashCode());
                assertEquals(linked.get(name), small.get(name));
                assertEquals(linked.containsKey(name), small.containsKey(name));
                assertEquals(linked.size(), small.size());
            }
        }
    }

    @Test
    void should_serve_an_object_node_as_jacksons_own_map_does() throws Exception {
        JsonNode unit = ExactJson.read("{\"ask_price\":0.02295077,\"bid_price\":0.02161249,\"ask_size\":3.57100696,\"bid_size\":5}");
        SmallFieldMap fields = new SmallFieldMap(4);
        unit.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue()));
        ObjectNode small = new ObjectNode(JsonNodeFactory.instance, fields);

        assertEquals(unit, small);
        assertEquals(small, unit);
        assertEquals(unit.hashCode(), small.hashCode());
        assertEquals(ExactJson.text(unit), ExactJson.text(small));
        assertEquals(unit, small.deepCopy());
        List<String> names = new ArrayList<>();
        small.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("ask_price", "bid_price", "ask_size", "bid_size"), names);

        small.put("bid_size", 6);
        assertNotEquals(unit, small);
        small.remove("ask_size");
        assertEquals("{\"ask_price\":0.02295077,\"bid_price\":0.02161249,\"bid_size\":6}", ExactJson.text(small));
        assertThrows(NullPointerException.class, () -> fields.put(null, IntNode.valueOf(1)));
    }
}
