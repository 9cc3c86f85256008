package io.github.microservicestarter.instrumentation;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the spans an app exports, as a bean Spring Boot's OpenTelemetry tracing picks up.
 */
public final class RecordingSpanExporter implements SpanExporter {

	private final List<SpanData> spans = new CopyOnWriteArrayList<>();

	@Override
	public CompletableResultCode export(Collection<SpanData> batch) {
		this.spans.addAll(batch);
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

	/**
	 * The spans exported so far.
	 * @return the spans
	 */
	public List<SpanData> spans() {
		return List.copyOf(this.spans);
	}

	/**
	 * The one span of a kind, failing unless there is exactly one.
	 * @param kind the kind
	 * @return the span
	 */
	public SpanData only(SpanKind kind) {
		List<SpanData> ofKind = this.spans.stream().filter((span) -> span.getKind() == kind).toList();
		assertThat(ofKind).as("%s spans in %s", kind, this.spans).hasSize(1);
		return ofKind.get(0);
	}

}
