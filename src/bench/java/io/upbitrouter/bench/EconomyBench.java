package io.upbitrouter.bench;

import java.util.List;

final class EconomyBench {
    private final BenchSettings settings;

    EconomyBench(BenchSettings settings) {
        this.settings = settings;
    }

    List<Figure> run() throws Exception {
        return List.of();
    }
}
