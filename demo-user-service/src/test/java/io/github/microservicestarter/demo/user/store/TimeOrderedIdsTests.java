package io.github.microservicestarter.demo.user.store;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ids in creation order, as databases order UUIDs (byte by byte, as their text sorts).
 */
class TimeOrderedIdsTests {

	@Test
	void idsCreatedInOneMillisecondAndAfterAreInCreationOrder() {
		TimeOrderedIds ids = new TimeOrderedIds();
		List<UUID> created = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			created.add(ids.next());
		}

		assertThat(created).extracting(UUID::toString).isSorted().doesNotHaveDuplicates();
		assertThat(created).extracting(UUID::version).containsOnly(7);
		assertThat(created).extracting(UUID::variant).containsOnly(2);
	}

	@Test
	void idStartsWithTheCreationTime() {
		long before = System.currentTimeMillis();
		UUID id = new TimeOrderedIds().next();
		long after = System.currentTimeMillis();

		assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after + 1);
	}

}
