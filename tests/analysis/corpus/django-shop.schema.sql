CREATE TABLE "shop_customer" ("id" bigserial NOT NULL PRIMARY KEY, "name" varchar(100) NOT NULL, "status" varchar(20) NOT NULL);
CREATE TABLE "shop_order" ("id" bigserial NOT NULL PRIMARY KEY, "number" integer NOT NULL, "customer_id" bigint NULL);
