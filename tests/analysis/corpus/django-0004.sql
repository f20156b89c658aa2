BEGIN;
--
-- Add field customer to order
--
ALTER TABLE "shop_order" ADD COLUMN "customer_id" bigint NULL CONSTRAINT "shop_order_customer_id_f638df20_fk_shop_customer_id" REFERENCES "shop_customer"("id") DEFERRABLE INITIALLY DEFERRED; SET CONSTRAINTS "shop_order_customer_id_f638df20_fk_shop_customer_id" IMMEDIATE;
CREATE INDEX "shop_order_customer_id_f638df20" ON "shop_order" ("customer_id");
COMMIT;
