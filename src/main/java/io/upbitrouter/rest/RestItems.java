package io.upbitrouter.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Items of one REST answer, in the exchange's order and shape.
 *
 * @param items        the JSON objects of the answer's array
 * @param remainingReq the answer's {@code Remaining-Req} header, or null
 */
public record RestItems(List<ObjectNode> items, String remainingReq) {

    public RestItems {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
