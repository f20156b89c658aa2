-- options: sandbox
CREATE TABLE shop_customer (id bigserial PRIMARY KEY, name varchar(100) NOT NULL, status varchar(20) DEFAULT NULL);
CREATE INDEX shop_customer_status_idx ON shop_customer (status);
