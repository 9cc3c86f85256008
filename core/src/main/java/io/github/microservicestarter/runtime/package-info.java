/**
 * Checks of the libraries the app runs on, made before the context starts: one grpc-java version
 * on the classpath, or a startup failure report naming the jars and the fix.
 */
package io.github.microservicestarter.runtime;
