/**
 * JSON for Dapr handler data through Jackson 3, Spring Boot 4's Jackson.
 */
package io.github.microservicestarter.boot4.jackson;
