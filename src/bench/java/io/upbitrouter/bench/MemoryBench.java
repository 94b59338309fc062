package io.upbitrouter.bench;

import java.util.List;

final class MemoryBench {
    private final BenchSettings settings;

    MemoryBench(BenchSettings settings) {
        this.settings = settings;
    }

    List<Figure> run() throws Exception {
        return List.of();
    }
}
