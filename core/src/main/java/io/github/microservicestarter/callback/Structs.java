package io.github.microservicestarter.callback;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

/**
 * Protobuf {@link Struct}s as the plain JSON values Jackson would read: maps, lists, strings,
 * doubles, booleans and nulls.
 */
final class Structs {

	private Structs() {
	}

	/**
	 * The fields of a struct as a map.
	 * @param struct the struct
	 * @return its fields, in order
	 */
	static Map<String, Object> toMap(Struct struct) {
		Map<String, Object> map = new LinkedHashMap<>();
		struct.getFieldsMap().forEach((name, value) -> map.put(name, toObject(value)));
		return map;
	}

	private static Object toObject(Value value) {
		return switch (value.getKindCase()) {
			case STRUCT_VALUE -> toMap(value.getStructValue());
			case LIST_VALUE -> toList(value.getListValue());
			case NUMBER_VALUE -> value.getNumberValue();
			case STRING_VALUE -> value.getStringValue();
			case BOOL_VALUE -> value.getBoolValue();
			case NULL_VALUE, KIND_NOT_SET -> null;
		};
	}

	private static List<Object> toList(ListValue list) {
		return list.getValuesList().stream().map(Structs::toObject).toList();
	}

}
