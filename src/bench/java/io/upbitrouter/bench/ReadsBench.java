package io.upbitrouter.bench;

import java.util.List;

final class ReadsBench {
    private final BenchSettings settings;

    ReadsBench(BenchSettings settings) {
        this.settings = settings;
    }

    List<Figure> run() throws Exception {
        return List.of();
    }
}
