package io.upbitrouter.bench;

import java.util.List;

final class HttpBench {
    private final BenchSettings settings;

    HttpBench(BenchSettings settings) {
        this.settings = settings;
    }

    List<Figure> run() throws Exception {
        return List.of();
    }
}
