BEGIN;
--
-- Create model Customer
--
CREATE TABLE "shop_customer" ("id" bigserial NOT NULL PRIMARY KEY, "name" varchar(100) NOT NULL);
--
-- Create model Order
--
CREATE TABLE "shop_order" ("id" bigserial NOT NULL PRIMARY KEY, "number" integer NOT NULL);
COMMIT;
