BEGIN;
--
-- Add field status to customer
--
ALTER TABLE "shop_customer" ADD COLUMN "status" varchar(20) NULL;
COMMIT;
