package io.github.microservicestarter.server;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A plaintext HTTP/2 connection written frame by frame, for what a gRPC client library hides: the
 * server's SETTINGS, keepalive PINGs sent as often as a test likes, and the GOAWAY that ends the
 * connection.
 */
final class RawHttp2Connection implements AutoCloseable {

	/** SETTINGS_MAX_CONCURRENT_STREAMS. */
	static final int MAX_CONCURRENT_STREAMS = 0x3;

	/** SETTINGS_MAX_HEADER_LIST_SIZE. */
	static final int MAX_HEADER_LIST_SIZE = 0x6;

	/** HTTP/2's error code for a peer that generates excessive load. */
	static final int ENHANCE_YOUR_CALM = 0xb;

	private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private static final int SETTINGS = 0x4;

	private static final int PING = 0x6;

	private static final int GOAWAY = 0x7;

	private static final int ACK = 0x1;

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private final Map<Integer, Long> serverSettings = new HashMap<>();

	private int pingAcks;

	private RawHttp2Connection(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/**
	 * Connects, sends the preface and empty settings, and reads the server's settings.
	 * @param port the server's port on localhost
	 * @return the open connection
	 */
	static RawHttp2Connection open(int port) throws IOException {
		RawHttp2Connection connection = new RawHttp2Connection(new Socket("localhost", port));
		connection.socket.setSoTimeout(5000);
		connection.out.write(PREFACE);
		connection.write(SETTINGS, 0, new byte[0]);
		while (connection.serverSettings.isEmpty()) {
			connection.readFrame();
		}
		return connection;
	}

	/**
	 * A setting the server sent in its first SETTINGS frame.
	 * @param id the setting's identifier
	 * @return its value, or null when the server did not send it
	 */
	Long setting(int id) {
		return this.serverSettings.get(id);
	}

	/** Sends a keepalive PING. */
	void ping() throws IOException {
		write(PING, 0, new byte[8]);
	}

	/**
	 * Reads frames until the server has acknowledged the given number of pings in all.
	 * @param count the pings
	 * @param within how long to wait
	 * @return whether it did: false when the connection ended or the time ran out first
	 */
	boolean awaitPingAcks(int count, Duration within) throws IOException {
		long deadline = System.nanoTime() + within.toNanos();
		while (this.pingAcks < count) {
			if (System.nanoTime() > deadline || readFrame() == GOAWAY) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Reads frames until the server sends GOAWAY.
	 * @param within how long to wait
	 * @return the GOAWAY, or null when none came in time
	 */
	GoAway awaitGoAway(Duration within) throws IOException {
		long deadline = System.nanoTime() + within.toNanos();
		this.socket.setSoTimeout((int) Math.max(1, within.toMillis()));
		try {
			while (System.nanoTime() < deadline) {
				Frame frame = nextFrame();
				if (frame.type() == GOAWAY) {
					ByteBuffer payload = ByteBuffer.wrap(frame.payload());
					payload.getInt();
					int errorCode = payload.getInt();
					byte[] debug = new byte[payload.remaining()];
					payload.get(debug);
					return new GoAway(errorCode, new String(debug, StandardCharsets.UTF_8));
				}
				handle(frame);
			}
		}
		catch (SocketTimeoutException | EOFException ex) {
			return null;
		}
		return null;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	private int readFrame() throws IOException {
		Frame frame = nextFrame();
		handle(frame);
		return frame.type();
	}

	private void handle(Frame frame) throws IOException {
		if (frame.type() == SETTINGS && (frame.flags() & ACK) == 0) {
			ByteBuffer payload = ByteBuffer.wrap(frame.payload());
			while (payload.remaining() >= 6) {
				this.serverSettings.put(payload.getShort() & 0xffff, payload.getInt() & 0xffffffffL);
			}
			write(SETTINGS, ACK, new byte[0]);
		}
		else if (frame.type() == PING && (frame.flags() & ACK) != 0) {
			this.pingAcks++;
		}
		else if (frame.type() == PING) {
			write(PING, ACK, frame.payload());
		}
	}

	private Frame nextFrame() throws IOException {
		int length = (this.in.readUnsignedByte() << 16) | (this.in.readUnsignedByte() << 8) | this.in.readUnsignedByte();
		int type = this.in.readUnsignedByte();
		int flags = this.in.readUnsignedByte();
		this.in.readInt();
		byte[] payload = new byte[length];
		this.in.readFully(payload);
		return new Frame(type, flags, payload);
	}

	private void write(int type, int flags, byte[] payload) throws IOException {
		ByteBuffer frame = ByteBuffer.allocate(9 + payload.length);
		frame.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
		frame.put((byte) type).put((byte) flags).putInt(0).put(payload);
		this.out.write(frame.array());
		this.out.flush();
	}

	private record Frame(int type, int flags, byte[] payload) {
	}

	/**
	 * The server's GOAWAY.
	 * @param errorCode its HTTP/2 error code: 0 (NO_ERROR) for a graceful one
	 * @param debugData what the server said about it, such as "too_many_pings"
	 */
	record GoAway(int errorCode, String debugData) {
	}

}
