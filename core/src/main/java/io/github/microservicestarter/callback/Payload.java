package io.github.microservicestarter.callback;

import com.google.protobuf.ByteString;

/**
 * Data as it travels, with its content type.
 *
 * @param data the bytes
 * @param contentType their media type; empty when unknown
 */
record Payload(ByteString data, String contentType) {

}
