package io.github.microservicestarter.bench.jmh;

import java.util.ArrayList;
import java.util.List;

import io.grpc.ForwardingServerBuilder;
import io.grpc.ServerBuilder;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerInterceptor;
import io.grpc.ServerStreamTracer;

import io.github.microservicestarter.admission.AdmissionControl;

/**
 * What the starter's admission control hands the server builder, to run on every call: a stream
 * tracer per call (the call's admission, which rides in its context), the choice of the call's
 * executor (where a permit is taken) and the server-wide interceptor that ends refused calls. It
 * is no {@code @GlobalServerInterceptor}, so the chain benchmark takes it from the
 * {@link AdmissionControl} bean itself, which customizes a builder that only records these.
 */
final class AdmissionStep {

	/** No admission control: the baseline's. */
	static final AdmissionStep NONE = new AdmissionStep();

	final List<ServerStreamTracer.Factory> tracerFactories = new ArrayList<>();

	final List<ServerInterceptor> serverInterceptors = new ArrayList<>();

	ServerCallExecutorSupplier executorSupplier;

	private AdmissionStep() {
	}

	/**
	 * The per-call pieces of an admission control.
	 * @param admission the app's admission control
	 * @return its pieces
	 * @throws IllegalStateException when it no longer installs a tracer, an executor supplier and
	 * an interceptor, which the benchmark's harness calls as grpc-java's server does
	 */
	static AdmissionStep of(AdmissionControl admission) {
		AdmissionStep step = new AdmissionStep();
		admission.customize(new Recorder(step));
		if (step.tracerFactories.size() != 1 || step.executorSupplier == null || step.serverInterceptors.size() != 1) {
			throw new IllegalStateException("The admission control no longer installs one stream tracer, an executor"
					+ " supplier and one server interceptor (" + step.tracerFactories + ", " + step.executorSupplier
					+ ", " + step.serverInterceptors + "): the chain benchmark's harness needs to follow it");
		}
		return step;
	}

	/** Records what the admission control installs; anything else it asks fails. */
	private static final class Recorder extends ForwardingServerBuilder<Recorder> {

		private final AdmissionStep step;

		Recorder(AdmissionStep step) {
			this.step = step;
		}

		@Override
		protected ServerBuilder<?> delegate() {
			throw new UnsupportedOperationException("the chain benchmark records the admission control's tracer,"
					+ " executor supplier and interceptor only");
		}

		@Override
		public Recorder directExecutor() {
			return this;
		}

		@Override
		public Recorder addStreamTracerFactory(ServerStreamTracer.Factory factory) {
			this.step.tracerFactories.add(factory);
			return this;
		}

		@Override
		public Recorder callExecutor(ServerCallExecutorSupplier supplier) {
			this.step.executorSupplier = supplier;
			return this;
		}

		@Override
		public Recorder intercept(ServerInterceptor interceptor) {
			this.step.serverInterceptors.add(interceptor);
			return this;
		}

	}

}
