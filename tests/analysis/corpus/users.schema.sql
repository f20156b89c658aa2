CREATE TABLE small_user (id bigint PRIMARY KEY, name varchar(100) NOT NULL);
CREATE TABLE large_user (
    id bigint PRIMARY KEY,
    name varchar(100) NOT NULL,
    status varchar(20),
    balance numeric(12,2) CHECK (balance >= 0),
    small_id bigint REFERENCES small_user (id)
);
