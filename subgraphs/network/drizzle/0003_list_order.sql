CREATE INDEX "organizations_list_order_idx" ON "network"."organizations" USING btree ((case "level" when 'CENTRAL' then 0 when 'PROVINCE' then 1 when 'DISTRICT' then 2 when 'COMMUNE' then 3 when 'COMMUNITY' then 4 else 5 end),"search_key","id");--> statement-breakpoint
-- PostgreSQL keeps statistics of an index expression only from ANALYZE on. Without them it
-- estimates a level's rows at a few dozen and sorts the whole level instead of reading the index.
ANALYZE "network"."organizations";
