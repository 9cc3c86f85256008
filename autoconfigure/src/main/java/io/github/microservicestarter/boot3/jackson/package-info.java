/**
 * JSON for Dapr handler data through Jackson 2, Spring Boot 3's Jackson.
 */
package io.github.microservicestarter.boot3.jackson;
