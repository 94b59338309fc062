package io.upbitrouter.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The fields of a small JSON object (an orderbook unit's four) for a Jackson {@code ObjectNode}, in two arrays
 * instead of a {@code LinkedHashMap}: names and values in insertion order, found by a scan. A unit so held takes
 * about a quarter of the memory (no hash table, no entry object per field), which counts because the realtime cache
 * holds every orderbook's 30 units and replaces them on every update (allocation and the collector's copying).
 * <p>
 * A full {@link Map}: it behaves as a {@code LinkedHashMap} would (put keeps a replaced field's position, remove
 * keeps the others' order, equality and hash code by content, so it equals a {@code LinkedHashMap} of the same
 * fields); meant for a handful of fields, since each look-up scans. Not thread-safe, as Jackson's own map is not.
 */
final class SmallFieldMap extends AbstractMap<String, JsonNode> {

    private String[] names;
    private JsonNode[] values;
    private int size;
    private int modifications;

    SmallFieldMap(int capacity) {
        names = new String[Math.max(1, capacity)];
        values = new JsonNode[names.length];
    }

    private int indexOf(Object name) {
        for (int i = 0; i < size; i++) {
            String held = names[i];
            if (held == name || held.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public JsonNode get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public JsonNode put(String name, JsonNode value) {
        Objects.requireNonNull(name, "a JSON field has a name");
        int i = indexOf(name);
        if (i >= 0) {
            JsonNode old = values[i];
            values[i] = value;
            return old;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
        modifications++;
        return null;
    }

    @Override
    public JsonNode remove(Object name) {
        int i = indexOf(name);
        if (i < 0) {
            return null;
        }
        JsonNode old = values[i];
        removeAt(i);
        return old;
    }

    private void removeAt(int i) {
        int after = size - i - 1;
        System.arraycopy(names, i + 1, names, i, after);
        System.arraycopy(values, i + 1, values, i, after);
        size--;
        names[size] = null;
        values[size] = null;
        modifications++;
    }

    @Override
    public void clear() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        modifications++;
    }

    @Override
    public Set<Entry<String, JsonNode>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, JsonNode>> iterator() {
                return new Fields();
            }
        };
    }

    /** The fields in order; each entry reads and writes this map's slot. */
    private final class Fields implements Iterator<Entry<String, JsonNode>> {
        private int next;
        private int last = -1;
        private int expected = modifications;

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public Entry<String, JsonNode> next() {
            if (expected != modifications) {
                throw new ConcurrentModificationException();
            }
            if (next >= size) {
                throw new NoSuchElementException();
            }
            last = next++;
            return new Field(last);
        }

        @Override
        public void remove() {
            if (last < 0) {
                throw new IllegalStateException();
            }
            if (expected != modifications) {
                throw new ConcurrentModificationException();
            }
            removeAt(last);
            next = last;
            last = -1;
            expected = modifications;
        }
    }

    private final class Field implements Entry<String, JsonNode> {
        private final int index;
        private final String name;

        Field(int index) {
            this.index = index;
            this.name = names[index];
        }

        @Override
        public String getKey() {
            return name;
        }

        @Override
        public JsonNode getValue() {
            return names[index] == name ? values[index] : get(name);
        }

        @Override
        public JsonNode setValue(JsonNode value) {
            return put(name, value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry<?, ?> e && name.equals(e.getKey()) && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return name.hashCode() ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return name + "=" + getValue();
        }
    }
}
