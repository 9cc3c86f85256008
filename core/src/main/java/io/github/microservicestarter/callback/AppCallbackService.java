package io.github.microservicestarter.callback;

import java.util.Map;

import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.dapr.v1.AppCallbackGrpc;
import io.dapr.v1.CommonProtos.InvokeRequest;
import io.dapr.v1.CommonProtos.InvokeResponse;
import io.dapr.v1.DaprAppCallbackProtos.BindingEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.BindingEventResponse;
import io.dapr.v1.DaprAppCallbackProtos.ListInputBindingsResponse;
import io.dapr.v1.DaprAppCallbackProtos.ListTopicSubscriptionsResponse;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventBulkRequest;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventBulkRequestEntry;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventBulkResponse;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventBulkResponseEntry;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventCERequest;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventRequest;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventResponse;
import io.dapr.v1.DaprAppCallbackProtos.TopicEventResponse.TopicEventResponseStatus;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.microservicestarter.callback.PayloadConverter.DataType;

import org.springframework.util.LinkedCaseInsensitiveMap;

/**
 * Dapr's {@code AppCallback} service, answered by the annotated handler methods: Dapr calls it for
 * service invocation, pub/sub and input bindings.
 */
public class AppCallbackService extends AppCallbackGrpc.AppCallbackImplBase {

	private static final Log logger = LogFactory.getLog(AppCallbackService.class);

	private final DaprHandlers handlers;

	private final PayloadConverter converter;

	AppCallbackService(DaprHandlers handlers, PayloadConverter converter) {
		this.handlers = handlers;
		this.converter = converter;
	}

	@Override
	public void onInvoke(InvokeRequest request, StreamObserver<InvokeResponse> responseObserver) {
		HandlerMethod handler = this.handlers.invokeHandler(request.getMethod());
		if (handler == null) {
			responseObserver.onError(Status.UNIMPLEMENTED
				.withDescription("No @DaprInvokeHandler handles method '%s'; this app handles %s"
					.formatted(request.getMethod(), this.handlers.invokedMethods()))
				.asRuntimeException());
			return;
		}
		Object[] arguments;
		try {
			arguments = handler.arguments((type) -> readInvokeData(request, type), null);
		}
		catch (PayloadConversionException ex) {
			responseObserver.onError(Status.INVALID_ARGUMENT
				.withDescription("The data of method '%s' is %s".formatted(request.getMethod(), ex.getMessage()))
				.asRuntimeException());
			return;
		}
		try {
			Object result = handler.invoke(arguments);
			responseObserver.onNext(invokeResponse(result));
			responseObserver.onCompleted();
		}
		catch (Exception ex) {
			responseObserver.onError(failure("Method '%s'".formatted(request.getMethod()), handler, ex));
		}
	}

	/** Data packed with its type is unpacked as such; bare bytes are read by their content type. */
	private Object readInvokeData(InvokeRequest request, DataType type) {
		Any data = request.getData();
		Message prototype = type.prototype();
		if (!data.getTypeUrl().isEmpty() && prototype != null) {
			String expected = prototype.getDescriptorForType().getFullName();
			if (!data.getTypeUrl().endsWith("/" + expected)) {
				throw new PayloadConversionException(
						"a %s, not the %s the handler takes".formatted(data.getTypeUrl(), expected), null);
			}
			try {
				return prototype.getParserForType().parseFrom(data.getValue());
			}
			catch (InvalidProtocolBufferException ex) {
				throw new PayloadConversionException("not a valid %s: %s".formatted(expected, ex.getMessage()), ex);
			}
		}
		return this.converter.read(new Payload(data.getValue(), request.getContentType()), type);
	}

	private InvokeResponse invokeResponse(Object result) {
		if (result == null) {
			return InvokeResponse.getDefaultInstance();
		}
		if (result instanceof Message message) {
			return InvokeResponse.newBuilder()
				.setData(Any.pack(message))
				.setContentType(PayloadConverter.PROTOBUF)
				.build();
		}
		Payload payload = this.converter.write(result);
		return InvokeResponse.newBuilder()
			.setData(Any.newBuilder().setValue(payload.data()))
			.setContentType(payload.contentType())
			.build();
	}

	@Override
	public void listTopicSubscriptions(Empty request,
			StreamObserver<ListTopicSubscriptionsResponse> responseObserver) {
		responseObserver.onNext(
				ListTopicSubscriptionsResponse.newBuilder().addAllSubscriptions(this.handlers.subscriptions()).build());
		responseObserver.onCompleted();
	}

	@Override
	public void onTopicEvent(TopicEventRequest request, StreamObserver<TopicEventResponse> responseObserver) {
		TopicHandler handler = this.handlers.topicHandler(request.getPubsubName(), request.getTopic(),
				request.getPath());
		CloudEvent event = new CloudEvent(request.getId(), request.getSource(), request.getType(),
				request.getSpecVersion(), request.getDataContentType(), request.getTopic(), request.getPubsubName(),
				Structs.toMap(request.getExtensions()));
		TopicEventResponseStatus status = deliver(handler, event,
				new Payload(request.getData(), request.getDataContentType()));
		responseObserver.onNext(TopicEventResponse.newBuilder().setStatus(status).build());
		responseObserver.onCompleted();
	}

	@Override
	public void onBulkTopicEvent(TopicEventBulkRequest request,
			StreamObserver<TopicEventBulkResponse> responseObserver) {
		TopicHandler handler = this.handlers.topicHandler(request.getPubsubName(), request.getTopic(),
				request.getPath());
		TopicEventBulkResponse.Builder response = TopicEventBulkResponse.newBuilder();
		for (TopicEventBulkRequestEntry entry : request.getEntriesList()) {
			TopicEventResponseStatus status;
			if (entry.hasCloudEvent()) {
				TopicEventCERequest cloudEvent = entry.getCloudEvent();
				CloudEvent event = new CloudEvent(cloudEvent.getId(), cloudEvent.getSource(), cloudEvent.getType(),
						cloudEvent.getSpecVersion(), cloudEvent.getDataContentType(), request.getTopic(),
						request.getPubsubName(), Structs.toMap(cloudEvent.getExtensions()));
				status = deliver(handler, event, new Payload(cloudEvent.getData(), cloudEvent.getDataContentType()));
			}
			else {
				// A raw payload has no CloudEvent attributes but the entry's id and content type.
				CloudEvent event = new CloudEvent(entry.getEntryId(), "", "", "", entry.getContentType(),
						request.getTopic(), request.getPubsubName(), Map.of());
				status = deliver(handler, event, new Payload(entry.getBytes(), entry.getContentType()));
			}
			response.addStatuses(
					TopicEventBulkResponseEntry.newBuilder().setEntryId(entry.getEntryId()).setStatus(status));
		}
		responseObserver.onNext(response.build());
		responseObserver.onCompleted();
	}

	/** SUCCESS, RETRY or DROP: what Dapr does with the event next. */
	private TopicEventResponseStatus deliver(TopicHandler handler, CloudEvent event, Payload payload) {
		if (handler == null) {
			logger.warn("Dropped event %s: no @DaprTopicHandler for topic '%s' of pubsub '%s'".formatted(event.id(),
					event.topic(), event.pubsubName()));
			return TopicEventResponseStatus.DROP;
		}
		Object[] arguments;
		try {
			arguments = handler.method().arguments((type) -> this.converter.read(payload, type), event);
		}
		catch (PayloadConversionException ex) {
			logger.warn("Dropped event %s of topic '%s' (pubsub '%s'): its data is %s".formatted(event.id(),
					event.topic(), event.pubsubName(), ex.getMessage()));
			return TopicEventResponseStatus.DROP;
		}
		try {
			handler.method().invoke(arguments);
			return TopicEventResponseStatus.SUCCESS;
		}
		catch (Exception ex) {
			if (handler.isPermanent(ex)) {
				logger.warn("Dropped event %s of topic '%s' (pubsub '%s'): %s failed permanently".formatted(event.id(),
						event.topic(), event.pubsubName(), handler.method().description()), ex);
				return TopicEventResponseStatus.DROP;
			}
			logger.warn("Event %s of topic '%s' (pubsub '%s') is to be retried: %s failed".formatted(event.id(),
					event.topic(), event.pubsubName(), handler.method().description()), ex);
			return TopicEventResponseStatus.RETRY;
		}
	}

	@Override
	public void listInputBindings(Empty request, StreamObserver<ListInputBindingsResponse> responseObserver) {
		responseObserver
			.onNext(ListInputBindingsResponse.newBuilder().addAllBindings(this.handlers.bindings()).build());
		responseObserver.onCompleted();
	}

	@Override
	public void onBindingEvent(BindingEventRequest request, StreamObserver<BindingEventResponse> responseObserver) {
		HandlerMethod handler = this.handlers.bindingHandler(request.getName());
		if (handler == null) {
			responseObserver.onError(Status.UNIMPLEMENTED
				.withDescription("No @DaprBindingHandler handles input binding '%s'; this app handles %s"
					.formatted(request.getName(), this.handlers.bindings()))
				.asRuntimeException());
			return;
		}
		Map<String, String> metadata = new LinkedCaseInsensitiveMap<>();
		metadata.putAll(request.getMetadataMap());
		Payload payload = new Payload(request.getData(), metadata.getOrDefault("content-type", ""));
		Object[] arguments;
		try {
			arguments = handler.arguments((type) -> this.converter.read(payload, type),
					new BindingContext(request.getName(), Map.copyOf(request.getMetadataMap())));
		}
		catch (PayloadConversionException ex) {
			responseObserver.onError(Status.INVALID_ARGUMENT
				.withDescription("The data of binding '%s' is %s".formatted(request.getName(), ex.getMessage()))
				.asRuntimeException());
			return;
		}
		try {
			handler.invoke(arguments);
			responseObserver.onNext(BindingEventResponse.getDefaultInstance());
			responseObserver.onCompleted();
		}
		catch (Exception ex) {
			responseObserver.onError(failure("Binding '%s'".formatted(request.getName()), handler, ex));
		}
	}

	/**
	 * The status for a handler's exception: its own gRPC status if it has one, INVALID_ARGUMENT
	 * for an {@link IllegalArgumentException}, else INTERNAL, logged with its cause.
	 */
	private static StatusRuntimeException failure(String what, HandlerMethod handler, Exception ex) {
		if (ex instanceof StatusRuntimeException status) {
			return status;
		}
		if (ex instanceof StatusException status) {
			return status.getStatus().asRuntimeException(status.getTrailers());
		}
		if (ex instanceof IllegalArgumentException) {
			String description = (ex.getMessage() != null) ? ex.getMessage() : what + " rejected its data";
			return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
		}
		logger.error("%s failed in %s".formatted(what, handler.description()), ex);
		return Status.INTERNAL.withDescription("%s failed; the app's log tells why".formatted(what))
			.asRuntimeException();
	}

}
