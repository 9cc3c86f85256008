package io.github.microservicestarter.demo.user.store;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDv7 ids (RFC 9562): a millisecond timestamp, then a counter, then random bits. Each id is
 * greater than the one before, even within a millisecond, so id order is creation order.
 */
public final class TimeOrderedIds {

	private static final int MAX_COUNTER = 0xFFF;

	private final SecureRandom random = new SecureRandom();

	private long lastMillis;

	private int counter;

	/** The next id, greater than every id this instance returned before. */
	public synchronized UUID next() {
		long now = System.currentTimeMillis();
		if (now > this.lastMillis) {
			this.lastMillis = now;
			// A random start, with room left to count up within the millisecond.
			this.counter = this.random.nextInt(MAX_COUNTER / 2);
		}
		else if (this.counter < MAX_COUNTER) {
			this.counter++;
		}
		else {
			// The counter ran out (or the clock went back): borrow the next millisecond.
			this.lastMillis++;
			this.counter = 0;
		}
		long mostSignificant = (this.lastMillis << 16) | 0x7000 | this.counter;
		long leastSignificant = (this.random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant);
	}

}
