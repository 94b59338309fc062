package io.upbitrouter.model;

/**
 * How much a request prefers the stream. HIGH waits briefly for a first snapshot on a miss; NORMAL
 * takes a fresh cache entry when there is one; LOW asks for stability and always goes to REST.
 */
public enum RealtimePriority {
    HIGH, NORMAL, LOW
}
