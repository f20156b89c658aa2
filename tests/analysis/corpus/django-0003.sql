BEGIN;
--
-- Alter field status on customer
--
ALTER TABLE "shop_customer" ALTER COLUMN "status" SET DEFAULT 'active';
UPDATE "shop_customer" SET "status" = 'active' WHERE "status" IS NULL;
ALTER TABLE "shop_customer" ALTER COLUMN "status" SET NOT NULL;
ALTER TABLE "shop_customer" ALTER COLUMN "status" DROP DEFAULT;
COMMIT;
