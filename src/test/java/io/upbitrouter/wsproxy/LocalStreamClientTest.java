package io.upbitrouter.wsproxy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The slow-client policies on a socket whose write queue the test fills and drains by hand. */
class LocalStreamClientTest {

    /** A socket that runs everything at once on the caller's thread, with a switchable full write queue. */
    static final class HandOutlet implements LocalStreamClient.Outlet {
        final List<String> written = new ArrayList<>();
        boolean full;
        Runnable onDrain;
        Short closedWith;

        @Override
        public boolean writeQueueFull() {
            return full;
        }

        @Override
        public void write(byte[] message) {
            written.add(new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void onDrain(Runnable action) {
            onDrain = action;
        }

        @Override
        public void close(short code, String reason) {
            closedWith = code;
        }

        @Override
        public void runOnContext(Runnable action) {
            action.run();
        }

        void drain() {
            full = false;
            Runnable action = onDrain;
            onDrain = null;
            if (action != null) {
                action.run();
            }
        }
    }

    private static byte[] message(int i) {
        return Integer.toString(i).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void should_write_at_once_while_the_socket_takes_messages() {
        HandOutlet socket = new HandOutlet();
        LocalStreamClient client = new LocalStreamClient("c", socket, 3, LocalStreamClient.SlowClientPolicy.DROP_OLDEST);
        for (int i = 1; i <= 10; i++) {
            assertTrue(client.enqueue(message(i)));
        }
        assertEquals(10, socket.written.size());
        assertEquals(10, client.sent());
        assertEquals(0, client.dropped());
    }

    @Test
    void should_drop_the_oldest_waiting_messages_when_a_stalled_socket_fills_the_queue() {
        HandOutlet socket = new HandOutlet();
        LocalStreamClient client = new LocalStreamClient("c", socket, 3, LocalStreamClient.SlowClientPolicy.DROP_OLDEST);
        socket.full = true;
        for (int i = 1; i <= 10; i++) {
            assertTrue(client.enqueue(message(i)), "enqueue never refuses and never waits");
        }
        assertEquals(List.of(), socket.written);
        assertEquals(3, client.waiting(), "bounded");
        assertEquals(7, client.dropped());
        socket.drain();
        assertEquals(List.of("8", "9", "10"), socket.written, "the newest are kept, in order");
        assertFalse(client.isClosed());
        assertEquals(3, client.sent());
    }

    @Test
    void should_close_a_stalled_client_under_the_close_policy() {
        HandOutlet socket = new HandOutlet();
        LocalStreamClient client = new LocalStreamClient("c", socket, 3, LocalStreamClient.SlowClientPolicy.CLOSE);
        socket.full = true;
        for (int i = 1; i <= 3; i++) {
            assertTrue(client.enqueue(message(i)));
        }
        assertFalse(client.enqueue(message(4)), "the message that finds the queue full cuts the client off");
        assertTrue(client.isClosed());
        assertEquals((short) 1008, socket.closedWith);
        assertEquals(0, client.waiting());
        assertFalse(client.enqueue(message(5)));
        socket.drain();
        assertEquals(List.of(), socket.written, "nothing is written after the cut-off");
    }

    @Test
    void should_refuse_subscription_messages_over_the_per_second_budget() {
        LocalStreamClient client = new LocalStreamClient("c", new HandOutlet(), 3, LocalStreamClient.SlowClientPolicy.DROP_OLDEST);
        for (int i = 0; i < 5; i++) {
            assertTrue(client.takeSubscriptionBudget(1_000 + i, 5));
        }
        assertFalse(client.takeSubscriptionBudget(1_500, 5));
        assertTrue(client.takeSubscriptionBudget(2_000, 5), "a second after the first one, room again");
    }
}
