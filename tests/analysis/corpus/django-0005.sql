-- options: schema=django-shop.schema.sql
BEGIN;
--
-- Alter field name on customer
--
ALTER TABLE "shop_customer" ALTER COLUMN "name" TYPE varchar(200);
CREATE INDEX "shop_customer_name_e6c6b028" ON "shop_customer" ("name");
CREATE INDEX "shop_customer_name_e6c6b028_like" ON "shop_customer" ("name" varchar_pattern_ops);
--
-- Alter field number on order
--
ALTER TABLE "shop_order" ADD CONSTRAINT "shop_order_number_d6408b6d_uniq" UNIQUE ("number");
COMMIT;
