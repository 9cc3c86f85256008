/**
 * Admission control of the gRPC server: a bounded number of calls at once, refused beyond it with
 * RESOURCE_EXHAUSTED and a retry delay; health checks answered whatever the load; a cap on the
 * bytes of one client-streaming call; and their meters.
 */
package io.github.microservicestarter.admission;
