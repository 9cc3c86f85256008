-- Runs unchanged on H2 and PostgreSQL.

-- Ids are time-ordered UUIDs, so id order is creation order.
CREATE TABLE users (
	id UUID PRIMARY KEY,
	name VARCHAR(200) NOT NULL,
	email VARCHAR(320) NOT NULL,
	status VARCHAR(32) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	version BIGINT NOT NULL,
	CONSTRAINT users_email_unique UNIQUE (email)
);

-- Listing and streaming by status walk this index in id order.
CREATE INDEX users_status_id ON users (status, id);

CREATE TABLE orders (
	id UUID PRIMARY KEY,
	user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	status VARCHAR(64) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT orders_user_position_unique UNIQUE (user_id, position)
);

CREATE TABLE order_items (
	order_id UUID NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	product_id VARCHAR(200) NOT NULL,
	name VARCHAR(200) NOT NULL,
	price DOUBLE PRECISION NOT NULL,
	quantity INTEGER NOT NULL,
	PRIMARY KEY (order_id, position)
);
