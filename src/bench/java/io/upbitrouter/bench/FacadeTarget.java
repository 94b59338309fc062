package io.upbitrouter.bench;

/** The module's HTTP facade on a cached ticker (filled in once the facade is merged). */
final class FacadeTarget implements HttpBench.Target {

    static FacadeTarget start() {
        throw new IllegalStateException("the HTTP facade is not in this branch yet");
    }

    byte[] sampleBody() {
        return new byte[0];
    }

    String contentType() {
        return "application/json";
    }

    @Override
    public String name() {
        return "module HTTP facade";
    }

    @Override
    public int port() {
        return 0;
    }

    @Override
    public String pathAndQuery() {
        return HttpBench.PATH;
    }

    @Override
    public void close() {
    }
}
