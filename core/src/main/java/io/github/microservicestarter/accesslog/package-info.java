/**
 * The access log: one line per call served, on the logger {@code io.github.microservicestarter.access},
 * when {@code microservice.access-log.enabled} is true.
 */
package io.github.microservicestarter.accesslog;
