-- options: schema=django-shop.schema.sql
BEGIN;
--
-- Alter field number on order
--
ALTER TABLE "shop_order" ALTER COLUMN "number" TYPE bigint USING "number"::bigint;
COMMIT;
